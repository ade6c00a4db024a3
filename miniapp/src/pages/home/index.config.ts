export default definePageConfig({ navigationBarTitleText: '我的公积金', enablePullDownRefresh: true });
