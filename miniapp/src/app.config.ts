export default defineAppConfig({
  pages: [
    'pages/login/index',
    'pages/bind/index',
    'pages/home/index',
    'pages/ledger/index',
    'pages/settings/index',
  ],
  // One page per subpackage, rooted at the page's own folder: the routes stay pages/<name>/index
  // (the QR code's /V/<token> link opens pages/verify/index in h5), while the QR encoder and
  // these pages stay out of the weapp main package (limit here: 400 KB).
  subPackages: [
    { root: 'pages/certificates', pages: ['index'] },
    { root: 'pages/staff-login', pages: ['index'] },
    { root: 'pages/verify-scan', pages: ['index'] },
    { root: 'pages/verify', pages: ['index'] },
    { root: 'pages/rent', pages: ['index'] },
    { root: 'pages/messages', pages: ['index'] },
    { root: 'pages/review', pages: ['index'] },
    { root: 'pages/withdrawal', pages: ['index'] },
    { root: 'pages/not-found', pages: ['index'] },
    { root: 'pages/guide', pages: ['index'] },
    { root: 'pages/retirement', pages: ['index'] },
    { root: 'pages/rating', pages: ['index'] },
    { root: 'pages/privacy', pages: ['index'] },
    { root: 'pages/loans', pages: ['index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#0b5cad',
    navigationBarTitleText: '公积金服务',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f8',
  },
});
