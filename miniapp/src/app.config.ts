export default defineAppConfig({
  pages: [
    'pages/login/index',
    'pages/bind/index',
    'pages/home/index',
    'pages/ledger/index',
    'pages/settings/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#0b5cad',
    navigationBarTitleText: '公积金服务',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f8',
  },
});
