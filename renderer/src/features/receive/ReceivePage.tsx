import { Alert, App, Button, Card, Flex, Input, Result, Steps, Table, Tag, Typography } from 'antd';
import { FolderOpenOutlined, ImportOutlined, UnlockOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { api, ApiError, newJobId } from '../../lib/api';
import { formatBytes } from '../../i18n';
import { formatCount } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { useAppStore } from '../../app/store';
import { ReceivedCommitments } from '../compensation/ReceivedCommitments';
import { VerifySender } from './VerifySender';
import { PackageFacts } from '../verify/PackageFacts';

type Info = ChannelOutput<'packages.inspect'>;
type Preview = ChannelOutput<'packages.preview'>;
type Imported = ChannelOutput<'packages.import'>;

/**
 * The buyer's side of a handover: open a .handover file, see who signed it,
 * for whom, what and when — before decrypting; then decrypt with this vault's
 * key and check the bag; then import the clients as a segment and sign a receipt.
 */
export function ReceivePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<string | null>(null);
  const [info, setInfo] = useState<Info | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [org, setOrg] = useState('');
  const [receipt, setReceipt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<{ id: string; title: string } | null>(null);

  /** Each step reads the whole package (hashing, decrypting): it runs as a job with progress and Cancel. */
  const run = async (work: (jobId: string) => Promise<void>) => {
    setBusy(true);
    setError(null);
    const jobId = newJobId();
    try {
      await work(jobId);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setJob(null);
    }
  };
  const showJob = (jobId: string, title: string) => setJob({ id: jobId, title });
  const choose = () => void run(async (jobId) => {
    const picked = await api('dialog.choosePackageFile', {});
    if (!picked.path) return;
    setFile(picked.path);
    setInfo(null);
    setPreview(null);
    setImported(null);
    setReceipt(null);
    showJob(jobId, t('receive.steps.check'));
    setInfo(await api('packages.inspect', { file: picked.path, jobId }));
  });
  // A .handover file opened with the app (double-click, Open with): the shell answers the package dialog with it.
  const packagePending = useAppStore((s) => s.packagePending);
  useEffect(() => {
    if (!packagePending) return;
    useAppStore.getState().setPackagePending(false);
    choose();
  }, [packagePending]); // once per opened file
  const refusal = error instanceof ApiError && error.data.code === 'PACKAGE_REFUSED' ? String(error.data.details?.reason ?? '') : null;
  const step = imported ? 3 : preview ? 2 : info ? 1 : 0;

  return (
    <Card title={t('receive.title')} data-testid="receive-page">
      <Typography.Paragraph type="secondary">{t('receive.intro')}</Typography.Paragraph>
      <Steps size="small" current={step} style={{ marginBottom: 24 }}
        items={[{ title: t('receive.steps.check') }, { title: t('receive.steps.decrypt') }, { title: t('receive.steps.import') }, { title: t('receive.steps.receipt') }]} />
      {refusal ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="receive-refused"
          message={t('receive.refused')} description={t(`receive.reasons.${refusal}`, { defaultValue: refusal })} />
      ) : (
        <ErrorAlert error={error} />
      )}
      <Button icon={<FolderOpenOutlined />} loading={busy && !info} data-testid="receive-choose" onClick={choose}>
        {t('receive.choose')}
      </Button>
      {info && (
        <PackageFacts info={info} testid="receive-info"
          signerNote={info.knownSigner ? (
            <>
              <Tag>{t('receive.knownSigner', { label: info.knownSigner.label })}</Tag>
              {info.knownSigner.verified ? <Tag color="green">{t('receive.knownVerified')}</Tag> : <Tag color="orange">{t('receive.knownUnverified')}</Tag>}
            </>
          ) : (
            <><Tag color="orange">{t('receive.unknownSigner')}</Tag><Typography.Text type="secondary">{t('receive.compareFingerprint')}</Typography.Text></>
          )}
          recipientsNote={info.forThisVault ? <Tag color="green">{t('receive.forUs')}</Tag> : <Tag color="red">{t('receive.notForUs')}</Tag>} />
      )}
      {info && (
        <VerifySender key={`${file}:${info.packageId}`} info={info} refused={error instanceof ApiError && error.data.code === 'SENDER_NOT_VERIFIED'}
          onVerified={(signer) => {
            setInfo({ ...info, knownSigner: signer });
            setError(null);
            message.success(t('receive.senderVerified', { label: signer.label }));
          }} />
      )}
      {info && !preview && (
        <Button type="primary" icon={<UnlockOutlined />} style={{ marginTop: 16 }} disabled={!info.forThisVault} loading={busy} data-testid="receive-decrypt"
          onClick={() => void run(async (jobId) => {
            showJob(jobId, t('receive.steps.decrypt'));
            setPreview(await api('packages.preview', { file: file!, jobId }));
          })}>
          {t('receive.decrypt')}
        </Button>
      )}
      {preview && !imported && (
        <>
          <Alert type="success" showIcon style={{ marginTop: 16 }} message={t('receive.bagOk', { clients: formatCount(preview.clients), files: formatCount(preview.files.length) })}
            description={preview.history !== null ? <span data-testid="receive-history">{t('receive.history', { count: preview.history })}</span> : undefined} />
          <Table size="small" rowKey="path" style={{ marginTop: 12 }} dataSource={preview.files} pagination={{ pageSize: 8, hideOnSinglePage: true }} data-testid="receive-files"
            columns={[{ title: t('docs.name'), dataIndex: 'path' }, { title: t('docs.size'), dataIndex: 'size', render: (n: number) => formatBytes(n) }]} />
          <ReceivedCommitments list={preview.commitments} />
          <Button type="primary" icon={<ImportOutlined />} style={{ marginTop: 12 }} loading={busy} data-testid="receive-import"
            onClick={() => void run(async (jobId) => {
              showJob(jobId, t('receive.steps.import'));
              setImported(await api('packages.import', { file: file!, jobId }));
            })}>
            {t('receive.import', { count: preview.clients })}
          </Button>
        </>
      )}
      {imported && (
        <>
          {preview && preview.commitments.length > 0 && <ReceivedCommitments list={preview.commitments} />}
          <Result status="success" title={t('receive.imported', { imported: imported.imported, documents: imported.documents })}
            subTitle={<>{t('receive.segment')} <Tag>{imported.tag}</Tag>{imported.skipped.length > 0 && <div data-testid="receive-skipped">{t('receive.skipped', { codes: imported.skipped.join(', ') })}</div>}</>} />
          <Flex gap={8} wrap align="center">
            <Input style={{ maxWidth: 320 }} placeholder={t('receive.organisation')} value={org} onChange={(e) => setOrg(e.target.value)} data-testid="receive-org" />
            <Button disabled={!org.trim()} data-testid="receive-receipt" onClick={() => void run(async (jobId) => {
              showJob(jobId, t('receive.steps.receipt'));
              const r = await api('packages.receipt', { file: file!, jobId, organisation: org.trim() });
              // Kept on screen, not a toast: the user still has to send the file to the seller.
              if (r.path) setReceipt(r.path);
            })}>{t('receive.receipt')}</Button>
          </Flex>
          {receipt && (
            <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="receive-receipt-written"
              message={t('receive.receiptWritten', { path: receipt })} />
          )}
        </>
      )}
      <JobProgress jobId={job?.id ?? null} title={job?.title ?? ''} />
    </Card>
  );
}
