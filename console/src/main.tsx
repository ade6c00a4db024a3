import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';

/** antd's grey secondary text (45% black) falls short of WCAG AA contrast: darker greys, same look. */
const THEME = {
  colorPrimary: '#1d5fa8',
  // link buttons take colorLink, not colorPrimary: antd's own blue falls short on the grey page
  colorLink: '#1d5fa8',
  // and their hover and pressed colours come from antd's light blue (under AA): darker, not lighter
  colorLinkHover: '#174d8a',
  colorLinkActive: '#123d6e',
  // antd's red (#ff4d4f) is under AA for a field's error text on white
  colorError: '#cf1322',
  fontSize: 15,
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
};

// antd's pickers follow dayjs's locale, not ConfigProvider's alone
dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: THEME }}>
      <AntApp>
        <BrowserRouter basename="/console">
          <App />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
