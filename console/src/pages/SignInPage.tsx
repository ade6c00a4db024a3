import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call, messageOf } from '../lib/api';
import { signedIn } from '../lib/session';

export function SignInPage({ expired }: { expired: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      signedIn(await call('staffLogin', { body: { username: values.username.trim(), password: values.password } }));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 400 }}>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }}>
          业务工作台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          住房公积金管理中心工作人员登录
        </Typography.Paragraph>
        {expired && <Alert type="info" showIcon title="登录已过期，请重新登录。" style={{ marginBottom: 16 }} data-testid="expired-notice" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input autoComplete="username" autoFocus data-testid="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="sign-in">
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
