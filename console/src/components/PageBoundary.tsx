/** A page whose code could not be fetched (the network dropped, or a new release replaced it) says so instead of going blank. */
import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';

export class PageBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="warning"
        title="页面没有打开"
        subTitle="网络可能中断了，或工作台刚刚更新。请刷新后再试。"
        extra={<Button onClick={() => window.location.reload()}>刷新</Button>}
      />
    );
  }
}
