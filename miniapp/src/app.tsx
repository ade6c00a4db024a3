import Taro, { usePageNotFound } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { ElderModeProvider } from './lib/elder-mode';
import { PAGES } from './lib/navigation';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // An address no page answers (a mistyped or outdated link) says so instead of a blank screen.
  usePageNotFound(() => {
    void Taro.redirectTo({ url: PAGES.notFound });
  });
  // Pages render inside this tree, so the elder-mode context reaches all of them.
  return <ElderModeProvider>{children}</ElderModeProvider>;
}

export default App;
