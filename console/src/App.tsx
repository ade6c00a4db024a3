import { Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { PageBoundary } from './components/PageBoundary';
import { pagesFor } from './pages';
import { SignInPage } from './pages/SignInPage';
import { currentSession, expiredOnArrival, onSessionChange, ROLE_LABELS, signOut, type SignOutReason, type StaffSession } from './lib/session';

export function App() {
  const [session, setSession] = useState<StaffSession | undefined>(() => currentSession());
  const [reason, setReason] = useState<SignOutReason | undefined>(() => (expiredOnArrival() ? 'expired' : undefined));

  useEffect(
    () =>
      onSessionChange((next, why) => {
        setSession(next);
        setReason(why);
      }),
    [],
  );
  // The session ends when its token does: sign out then, with the reason said on the sign-in page.
  useEffect(() => {
    if (!session) return;
    const left = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(() => signOut('expired'), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session]);

  if (!session) return <SignInPage expired={reason === 'expired'} />;
  return <Shell session={session} />;
}

function Shell({ session }: { session: StaffSession }) {
  const pages = pagesFor(session.roles);
  const location = useLocation();
  const navigate = useNavigate();
  const current = pages.find((page) => location.pathname.startsWith(page.path));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}>
        <Typography.Title level={1} style={{ color: '#fff', fontSize: 18, margin: 0 }}>
          住房公积金管理中心 · 业务工作台
        </Typography.Title>
        <Space size="middle">
          <span style={{ color: '#fff' }} data-testid="signed-in-as">
            {session.displayName}（{session.roles.map((role) => ROLE_LABELS[role]).join('、')}）
          </span>
          <Button onClick={() => signOut('signed-out')} data-testid="sign-out">
            退出登录
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" aria-label="功能菜单">
          <Menu
            mode="inline"
            selectedKeys={current ? [current.path] : []}
            items={pages.map((page) => ({ key: page.path, label: page.label }))}
            onClick={({ key }) => navigate(key)}
            style={{ height: '100%', fontSize: 15 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Routes>
              {pages.map((page) => (
                <Route
                  key={page.path}
                  path={`${page.path}/*`}
                  element={
                    <PageBoundary>
                      <Suspense fallback={<Spin description="正在打开…" />}>
                        <page.Page />
                      </Suspense>
                    </PageBoundary>
                  }
                />
              ))}
              <Route path="/" element={<Navigate to={pages[0]?.path ?? '/none'} replace />} />
              <Route
                path="*"
                element={
                  <Result
                    status="404"
                    title="没有这个页面"
                    subTitle="这个地址不存在，或您的岗位没有这项功能。"
                    extra={<Link to="/">回到首页</Link>}
                  />
                }
              />
            </Routes>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
