import { Alert, App, Button, Flex, Input, Modal, Radio, Select, Steps, Table, Tabs, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportReport } from '../../../../shared/contract';
import { CLIENT_FIELDS, type ClientField } from '../../../../shared/clients/fields';
import { FIELD_LABELS, problemText } from '../../../../shared/i18n/problems';
import { api, newJobId } from '../../lib/api';
import { currentLanguage } from '../../i18n';
import { formatCount } from '../../lib/format';
import { describeError, ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';

type Encoding = 'auto' | 'utf8' | 'gbk';
type Policy = 'skip' | 'update' | 'keep';

/** File -> columns -> check -> import: nothing is written before the last step, and that step is all-or-nothing. */
export function ImportWizard({ onClose }: { onClose(changed: boolean): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const label = FIELD_LABELS[lang];
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<string | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<(ClientField | null)[]>([]);
  const [saveAs, setSaveAs] = useState('');
  const [policy, setPolicy] = useState<Policy>('skip');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const loadPreview = async (path: string, enc: Encoding) => {
    setError(null);
    setBusy(true);
    try {
      const p = await api('clients.importPreview', { file: path, encoding: enc });
      setPreview(p);
      setMapping(p.suggested);
    } catch (err) {
      setPreview(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const choose = async () => {
    const { path } = await api('dialog.chooseImportFile', {});
    if (path) {
      setFile(path);
      await loadPreview(path, encoding);
    }
  };
  const options = { file: file ?? '', encoding, mapping, onDuplicate: policy };
  const check = async () => {
    setError(null);
    setBusy(true);
    try {
      setReport(await api('clients.importCheck', options));
      setStep(2);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (step === 2) void check();
  }, [policy]);

  const run = async () => {
    const id = newJobId();
    setJobId(id);
    setError(null);
    try {
      setResult(await api('clients.importRun', { ...options, jobId: id, ...(saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}) }));
      setStep(3);
    } catch (err) {
      setError(err);
    } finally {
      setJobId(null);
    }
  };
  const saveRejected = async () => {
    try {
      const r = await api('clients.saveRejected', { ...options, language: lang });
      if (r.path) message.success(t('import.savedRejected', { count: formatCount(r.count), path: r.path }));
    } catch (err) {
      message.error(describeError(err));
    }
  };

  const used = new Set(mapping.filter(Boolean));
  const fieldOptions = [{ value: '', label: t('import.ignore') }, ...CLIENT_FIELDS.map((f) => ({ value: f, label: label[f] }))];
  const summary = (r: ImportReport) => t('import.summary', Object.fromEntries(Object.entries(r.summary).map(([k, v]) => [k, formatCount(v)])));

  return (
    <Modal open title={t('import.title')} width={960} footer={null} onCancel={() => onClose(step === 3)} destroyOnHidden data-testid="import-wizard">
      <Steps current={step} size="small" style={{ marginBottom: 20 }} items={[
        { title: t('import.steps.file') }, { title: t('import.steps.mapping') }, { title: t('import.steps.check') }, { title: t('import.steps.done') },
      ]} />
      <ErrorAlert error={error} />
      {step === 0 && (
        <Flex vertical gap={16}>
          <Flex gap={12} wrap align="center">
            <Button icon={<FileAddOutlined />} onClick={() => void choose()} data-testid="import-choose">{t('import.chooseFile')}</Button>
            <Typography.Text>{t('import.encoding')}</Typography.Text>
            <Select<Encoding> value={encoding} style={{ width: 260 }} data-testid="import-encoding"
              onChange={(e) => { setEncoding(e); if (file) void loadPreview(file, e); }}
              options={[{ value: 'auto', label: t('import.encodingAuto') }, { value: 'utf8', label: t('import.encodingUtf8') }, { value: 'gbk', label: t('import.encodingGbk') }]} />
          </Flex>
          {preview && (
            <>
              <Typography.Text data-testid="import-file-info">
                <Typography.Text code>{preview.fileName}</Typography.Text>{' '}
                {t('import.fileInfo', { rows: formatCount(preview.rowCount), columns: preview.headers.length, encoding: preview.encoding })}
              </Typography.Text>
              <Table size="small" pagination={false} scroll={{ x: 'max-content' }} rowKey={(_, i) => String(i)} dataSource={preview.sample.slice(0, 5)}
                columns={preview.headers.map((h, i) => ({ title: h, key: String(i), render: (_: unknown, row: string[]) => <span className="cell-clip">{row[i]}</span> }))} />
              <div><Button type="primary" onClick={() => setStep(1)} data-testid="import-next">{t('common.next')}</Button></div>
            </>
          )}
        </Flex>
      )}
      {step === 1 && preview && (
        <Flex vertical gap={12}>
          {preview.saved.length > 0 && (
            <Flex gap={8} align="center"><Typography.Text>{t('import.savedMapping')}</Typography.Text>
              <Select style={{ minWidth: 200 }} options={preview.saved.map((s) => ({ value: s.name, label: s.name }))}
                onChange={(name: string) => setMapping(preview.saved.find((s) => s.name === name)!.mapping)} />
            </Flex>
          )}
          <Table size="small" pagination={false} rowKey="i" scroll={{ y: 380 }} data-testid="mapping-table"
            dataSource={preview.headers.map((h, i) => ({ i, h, sample: preview.sample.map((r) => r[i]).filter(Boolean).slice(0, 3).join(' · ') }))}
            columns={[
              { title: t('import.column'), dataIndex: 'h', width: 180 },
              { title: t('import.sample'), dataIndex: 'sample', ellipsis: true },
              { title: t('import.field'), key: 'f', width: 220, render: (_: unknown, r: { i: number }) => (
                <Select style={{ width: '100%' }} value={mapping[r.i] ?? ''} data-testid={`map-${r.i}`}
                  options={fieldOptions.map((o) => ({ ...o, disabled: o.value !== '' && o.value !== mapping[r.i] && used.has(o.value as ClientField) }))}
                  onChange={(v: string) => {
                    setError(null);
                    setMapping((m) => m.map((x, j) => (j === r.i ? ((v || null) as ClientField | null) : x)));
                  }} />
              ) },
            ]} />
          <Flex gap={8} align="center" wrap>
            <Typography.Text>{t('import.saveMappingAs')}</Typography.Text>
            <Input style={{ width: 240 }} value={saveAs} onChange={(e) => setSaveAs(e.target.value)} maxLength={100} />
          </Flex>
          <Flex gap={8}>
            <Button onClick={() => setStep(0)}>{t('common.back')}</Button>
            <Button type="primary" loading={busy} onClick={() => void check()} data-testid="import-check">{t('import.check')}</Button>
          </Flex>
        </Flex>
      )}
      {step === 2 && report && (
        <Flex vertical gap={12}>
          <Alert type={report.summary.rejected > 0 ? 'warning' : 'success'} showIcon title={summary(report)} data-testid="import-summary" />
          <div>
            <Typography.Text>{t('import.onDuplicate')}</Typography.Text>
            <Radio.Group value={policy} onChange={(e) => setPolicy(e.target.value as Policy)} style={{ display: 'block', marginTop: 4 }} data-testid="import-policy">
              <Radio value="skip">{t('import.dupSkip')}</Radio>
              <Radio value="update">{t('import.dupUpdate')}</Radio>
              <Radio value="keep">{t('import.dupKeep')}</Radio>
            </Radio.Group>
          </div>
          <Tabs items={[
            { key: 'problems', label: `${t('import.problems')} (${formatCount(report.problemCount)})`, children: (
              <>
                <Table size="small" rowKey={(p) => `${p.row}-${p.column}-${p.reason}`} dataSource={report.problems} pagination={{ pageSize: 8, showSizeChanger: false }} data-testid="problem-table"
                  columns={[
                    { title: t('import.row'), dataIndex: 'row', width: 80, render: (r: number) => formatCount(r) },
                    { title: t('import.column'), dataIndex: 'column', width: 140 },
                    { title: t('import.problem'), dataIndex: 'reason', render: (r: string) => problemText(lang, r) },
                    { title: t('import.value'), dataIndex: 'value', ellipsis: true },
                  ]} />
                {report.problemCount > 0 && <Button onClick={() => void saveRejected()} data-testid="save-rejected">{t('import.saveRejected')}</Button>}
              </>
            ) },
            { key: 'dups', label: `${t('import.duplicates')} (${formatCount(report.duplicates.length)})`, children: (
              <Table size="small" rowKey="row" dataSource={report.duplicates} pagination={{ pageSize: 8, showSizeChanger: false }} columns={[
                { title: t('import.row'), dataIndex: 'row', width: 80 },
                { title: label.code, dataIndex: 'code', width: 110 },
                { title: label.name, dataIndex: 'name' },
                { title: '', key: 'm', render: (_: unknown, d: ImportReport['duplicates'][number]) => `${t(`import.matchedBy.${d.matchedBy}`)} — ${d.otherRow ? t('import.matchedRow', { row: d.otherRow }) : t('import.matchedVault')}` },
              ]} />
            ) },
          ]} />
          <Typography.Text type="secondary">{t('import.allOrNothing')}</Typography.Text>
          <Flex gap={8}>
            <Button onClick={() => setStep(1)}>{t('common.back')}</Button>
            <Button type="primary" disabled={report.summary.imported + report.summary.updated === 0} onClick={() => void run()} data-testid="import-run">
              {t('import.run', { count: formatCount(report.summary.imported + report.summary.updated) })}
            </Button>
          </Flex>
        </Flex>
      )}
      {step === 3 && result && (
        <Flex vertical gap={16}>
          <Alert type="success" showIcon data-testid="import-done" title={t('import.done', Object.fromEntries(Object.entries(result.summary).map(([k, v]) => [k, formatCount(v)])))} />
          <Flex gap={8}>
            <Button type="primary" onClick={() => onClose(true)} data-testid="import-show">{t('import.showThem')}</Button>
            <Button onClick={() => onClose(true)} data-testid="import-close">{t('common.done')}</Button>
          </Flex>
        </Flex>
      )}
      <JobProgress jobId={jobId} title={t('import.running')} />
    </Modal>
  );
}
