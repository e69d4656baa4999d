import { Descriptions, Flex, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AppMark } from './AppMark';
import { useAppStore } from '../../app/store';
import { BUNDLED_COMPONENTS } from './bundled';

/** Version, where the vault lives, and the licences of what the app bundles. Opened from the header or the app menu. */
export function AboutDialog() {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.aboutOpen);
  const setOpen = useAppStore((s) => s.setAboutOpen);
  const info = useAppStore((s) => s.info);
  return (
    <Modal open={open} title={t('about.title')} footer={null} width={680} onCancel={() => setOpen(false)} data-testid="about-dialog">
      <Flex gap={16} align="center" style={{ marginBottom: 16 }}>
        <AppMark size={64} />
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('about.names')}</Typography.Title>
          <Typography.Text data-testid="about-version">{t('about.version', { version: __APP_VERSION__ })}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('about.offline')}</Typography.Text>
        </div>
      </Flex>
      <Descriptions size="small" column={1} bordered items={[
        { key: 'vault', label: t('about.vault'), children: <Typography.Text copyable data-testid="about-vault">{info?.vaultDir ?? ''}</Typography.Text> },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('about.components')}</Typography.Title>
      <Table size="small" pagination={false} rowKey="name" data-testid="about-components" dataSource={BUNDLED_COMPONENTS} scroll={{ y: 240 }}
        columns={[
          { key: 'name', title: t('about.component'), dataIndex: 'name' },
          { key: 'use', title: t('about.purpose'), render: (_, c) => t(`about.uses.${c.use}`) },
          { key: 'licence', title: t('about.licence'), dataIndex: 'licence', width: 170 },
        ]} />
    </Modal>
  );
}
