/** The side panel an application opens in. */
import { Drawer } from 'antd';
import type { ReactNode } from 'react';

export function DetailDrawer({ open, title, onClose, width = 760, children }: { open: boolean; title: string; onClose: () => void; width?: number; children: ReactNode }) {
  return (
    <Drawer open={open} onClose={onClose} size={width} title={title} destroyOnHidden>
      {/* the panel's body scrolls: keyboard users reach it with Tab to scroll it even when nothing in it is focusable */}
      <span ref={(node) => node?.closest('.ant-drawer-body')?.setAttribute('tabindex', '0')} hidden />
      {children}
    </Drawer>
  );
}
