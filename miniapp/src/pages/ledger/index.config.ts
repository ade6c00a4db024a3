export default definePageConfig({
  navigationBarTitleText: '缴存明细',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
