import { Button, Flex, Typography } from 'antd';

/** One file or folder to pick: what it is, the button, and the path once chosen. */
export function PickRow({ label, button, value, onPick, testid }: { label: string; button: string; value: string | null; onPick(): void; testid: string }) {
  return (
    <Flex gap={8} align="center" wrap>
      <Typography.Text strong style={{ minWidth: 220 }}>{label}</Typography.Text>
      <Button onClick={onPick} data-testid={testid}>{button}</Button>
      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }} data-testid={`${testid}-path`}>{value ?? ''}</Typography.Text>
    </Flex>
  );
}
