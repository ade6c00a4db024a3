import type { PropsWithChildren } from 'react';
import { ElderModeProvider } from './lib/elder-mode';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // Pages render inside this tree, so the elder-mode context reaches all of them.
  return <ElderModeProvider>{children}</ElderModeProvider>;
}

export default App;
