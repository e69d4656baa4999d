import { Alert, Button, Descriptions, Divider, Drawer, Flex, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPENSATION_METHODS, NEGOTIATION_KINDS, type ProposalDetail } from '../../../../shared/contract';
import { newJobId } from '../../lib/api';
import { DayPicker } from '../../components/DayPicker';
import { useHandover } from '../handovers/context';
import { AgreementFile } from './AgreementFile';
import { toFen, yuan } from './money';
import { localDay } from '../../../../shared/dates';
import { AMOUNT_INPUT } from '../../components/AmountInput';

/** A form's default day: today on the user's calendar (shared/dates.ts), not the UTC day. */
const today = () => localDay();

/** One proposal: how it was computed, the negotiation record, the agreement with its signed copy, and payments. */
export function ProposalDrawer({ proposalId, onClose, onChanged }: { proposalId: number | null; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const { h, call, canRecord } = useHandover();
  const [d, setD] = useState<ProposalDetail | null>(null);
  const [doc, setDoc] = useState<{ id: number; name: string } | null>(null);
  const [neg] = Form.useForm();
  const [agr] = Form.useForm();
  const [pay] = Form.useForm();
  useEffect(() => {
    setD(null);
    setDoc(null);
    if (proposalId !== null) void call('compensation.proposal', { handoverId: h.id, proposalId }).then(setD);
  }, [proposalId]);
  const done = (next: ProposalDetail | null) => {
    if (!next) return;
    setD(next);
    onChanged();
  };
  const methods = COMPENSATION_METHODS.map((m) => ({ value: m, label: t(`compensation.methods.${m}`) }));
  const attach = async () => {
    if (!d?.row.clientId) return;
    const picked = await call('dialog.chooseDocumentFile', {});
    if (!picked?.path) return;
    const added = await call('documents.attach', { jobId: newJobId(), clientId: d.row.clientId, file: picked.path });
    if (added) setDoc({ id: added.id, name: added.name });
  };
  const i = d?.inputs;
  return (
    <Drawer open={proposalId !== null} onClose={onClose} width={720} title={d ? t('compensation.detail.title', { name: d.row.name }) : ''} data-testid="comp-drawer" destroyOnHidden>
      {d && (
        <>
          <Descriptions size="small" column={2} items={[
            { key: 'p', label: t('compensation.col.proposed'), children: <span data-testid="detail-proposed">{yuan(d.row.proposedFen)}</span> },
            { key: 's', label: t('compensation.col.status'), children: <span data-testid="detail-status">{t(`compensation.status.${d.row.status}`)}</span> },
            { key: 'a', label: t('compensation.col.agreed'), children: d.row.agreedFen === null && d.row.agreedOn === null ? '—' : yuan(d.row.agreedFen) },
            { key: 'o', label: t('compensation.col.owed'), children: <span data-testid="detail-owed">{d.row.owedFen === null && d.row.agreedOn === null ? '—' : yuan(d.row.owedFen)}</span> },
          ]} />
          <Typography.Title level={5}>{t('compensation.detail.inputs')}</Typography.Title>
          <Typography.Paragraph data-testid="detail-inputs">
            {i ? t('compensation.detail.inputsText', {
              basis: yuan(i.basisFen), rate: (i.rateBp / 100).toFixed(2), tier: (i.tierFactor / 1000).toFixed(3), loyalty: (i.loyaltyFactor / 1000).toFixed(3),
              stability: (i.stabilityFactor / 1000).toFixed(3), floor: yuan(i.floorFen), cap: yuan(i.capFen), amount: yuan(d.row.computedFen),
            }) : t('compensation.detail.inputsMasked')}
          </Typography.Paragraph>
          {d.row.exception && <Alert type="warning" showIcon message={`${t('compensation.exception.mark')} · ${d.row.exception.reason}`} style={{ marginBottom: 12 }} />}

          <Divider titlePlacement="start">{t('compensation.detail.negotiation')}</Divider>
          <Table size="small" rowKey="id" pagination={false} dataSource={d.negotiations} data-testid="negotiation-table" locale={{ emptyText: t('compensation.detail.noNegotiation') }}
            columns={[
              { title: t('compensation.detail.date'), dataIndex: 'date' },
              { title: t('compensation.detail.kind'), dataIndex: 'kind', render: (k: string) => t(`compensation.detail.kinds.${k}`) },
              { title: t('compensation.detail.amount'), dataIndex: 'amountFen', render: (v: number | null) => (v === null ? '' : yuan(v)) },
              { title: t('compensation.detail.ourSide'), dataIndex: 'ourSide' },
              { title: t('compensation.detail.theirSide'), dataIndex: 'theirSide' },
              { title: t('compensation.detail.note'), dataIndex: 'note' },
            ]} />
          {canRecord && (
            <Form form={neg} layout="inline" style={{ marginTop: 8, rowGap: 8 }} initialValues={{ kind: 'offer', date: today() }}
              onFinish={async (v: { kind: (typeof NEGOTIATION_KINDS)[number]; date: string; amount?: number; method?: string; ourSide: string; theirSide: string; note?: string }) => {
                done(await call('compensation.recordNegotiation', {
                  handoverId: h.id, proposalId: d.row.id, kind: v.kind, date: v.date, amountFen: v.amount == null ? null : toFen(v.amount),
                  method: (v.method ?? null) as never, ourSide: v.ourSide, theirSide: v.theirSide, note: v.note ?? '',
                }));
                neg.resetFields();
              }}>
              <Form.Item name="kind"><Select style={{ width: 100 }} options={NEGOTIATION_KINDS.map((k) => ({ value: k, label: t(`compensation.detail.kinds.${k}`) }))} /></Form.Item>
              <Form.Item name="date" rules={[{ required: true }]}><DayPicker data-testid="neg-date" aria-label={t('compensation.detail.date')} placeholder={t('compensation.detail.date')} /></Form.Item>
              <Form.Item name="amount"><InputNumber style={{ width: 170 }} min={0} {...AMOUNT_INPUT} placeholder={t('compensation.detail.amount')} data-testid="neg-amount" /></Form.Item>
              <Form.Item name="ourSide" rules={[{ required: true }]}><Input placeholder={t('compensation.detail.ourSide')} data-testid="neg-our" /></Form.Item>
              <Form.Item name="theirSide" rules={[{ required: true }]}><Input placeholder={t('compensation.detail.theirSide')} data-testid="neg-their" /></Form.Item>
              <Form.Item name="note"><Input placeholder={t('compensation.detail.note')} /></Form.Item>
              <Button htmlType="submit" data-testid="neg-add">{t('compensation.detail.addNegotiation')}</Button>
            </Form>
          )}

          <Divider titlePlacement="start">{t('compensation.detail.agreement')}</Divider>
          {d.row.agreedOn ? (
            <Descriptions size="small" column={2} data-testid="agreement-view" items={[
              { key: 'a', label: t('compensation.col.agreed'), children: yuan(d.row.agreedFen) },
              { key: 'm', label: t('compensation.col.method'), children: d.row.agreedMethod ? t(`compensation.methods.${d.row.agreedMethod}`) : '' },
              { key: 'o', label: t('compensation.detail.agreedOn'), children: d.row.agreedOn },
              { key: 'd', label: t('compensation.detail.dueOn'), children: d.row.dueOn },
              { key: 'p', label: t('compensation.detail.promise'), children: d.promise, span: 2 },
              { key: 'f', label: t('compensation.detail.agreementFile'), span: 2, children: <AgreementFile clientId={d.row.clientId} documentId={d.row.agreementDocumentId} /> },
            ]} />
          ) : canRecord && (
            <Form form={agr} layout="vertical" initialValues={{ method: d.row.method, agreedOn: today(), amount: d.row.proposedFen === null ? undefined : d.row.proposedFen / 100 }}
              onFinish={async (v: { amount: number; method: string; agreedOn: string; dueOn: string; promise: string }) => {
                done(await call('compensation.recordAgreement', {
                  handoverId: h.id, proposalId: d.row.id, amountFen: toFen(v.amount), method: v.method as never, agreedOn: v.agreedOn, dueOn: v.dueOn, promise: v.promise, documentId: doc?.id ?? null,
                }, t('compensation.detail.agreementSaved')));
              }}>
              <Flex gap={12} wrap>
                <Form.Item name="amount" label={t('compensation.detail.amount')} rules={[{ required: true }]}><InputNumber min={0} {...AMOUNT_INPUT} style={{ width: 170 }} data-testid="agr-amount" /></Form.Item>
                <Form.Item name="method" label={t('compensation.col.method')}><Select style={{ width: 160 }} options={methods} data-testid="agr-method" /></Form.Item>
                <Form.Item name="agreedOn" label={t('compensation.detail.agreedOn')} rules={[{ required: true }]}><DayPicker data-testid="agr-on" /></Form.Item>
                <Form.Item name="dueOn" label={t('compensation.detail.dueOn')} rules={[{ required: true }]}><DayPicker data-testid="agr-due" /></Form.Item>
              </Flex>
              <Form.Item name="promise" label={t('compensation.detail.promise')} rules={[{ required: true }]}><Input.TextArea rows={2} data-testid="agr-promise" /></Form.Item>
              <Flex gap={12} align="center">
                {d.row.clientId !== null && <Button onClick={() => void attach()} data-testid="agr-attach">{t('compensation.detail.attach')}</Button>}
                {doc && <Typography.Text data-testid="agr-file">{t('compensation.detail.attached', { name: doc.name })}</Typography.Text>}
                <Button type="primary" htmlType="submit" data-testid="agr-save">{t('compensation.detail.recordAgreement')}</Button>
              </Flex>
            </Form>
          )}

          <Divider titlePlacement="start">{t('compensation.detail.payments')}</Divider>
          <Table size="small" rowKey="id" pagination={false} dataSource={d.payments} data-testid="payment-table" locale={{ emptyText: t('compensation.detail.noPayments') }}
            columns={[
              { title: t('compensation.detail.paidOn'), dataIndex: 'paidOn' },
              { title: t('compensation.detail.amount'), dataIndex: 'amountFen', render: (v: number | null) => yuan(v) },
              { title: t('compensation.detail.evidence'), dataIndex: 'evidence' },
              { title: t('compensation.detail.ourSide'), dataIndex: 'recordedBy' },
            ]} />
          {canRecord && d.row.agreedOn && d.row.status !== 'paid' && (
            <Form form={pay} layout="inline" style={{ marginTop: 8, rowGap: 8 }} initialValues={{ paidOn: today() }}
              onFinish={async (v: { paidOn: string; amount: number; evidence: string }) => {
                done(await call('compensation.recordPayment', { handoverId: h.id, proposalId: d.row.id, paidOn: v.paidOn, amountFen: toFen(v.amount), evidence: v.evidence, documentId: null }, t('compensation.detail.paymentSaved')));
                pay.resetFields();
              }}>
              <Form.Item name="paidOn" rules={[{ required: true }]}><DayPicker data-testid="pay-date" aria-label={t('compensation.detail.paidOn')} placeholder={t('compensation.detail.paidOn')} /></Form.Item>
              <Form.Item name="amount" rules={[{ required: true }]}><InputNumber style={{ width: 170 }} min={0.01} {...AMOUNT_INPUT} placeholder={t('compensation.detail.amount')} data-testid="pay-amount" /></Form.Item>
              <Form.Item name="evidence" rules={[{ required: true, min: 2 }]}><Input placeholder={t('compensation.detail.evidence')} data-testid="pay-evidence" /></Form.Item>
              <Button type="primary" htmlType="submit" data-testid="pay-save">{t('compensation.detail.recordPayment')}</Button>
            </Form>
          )}
        </>
      )}
    </Drawer>
  );
}
