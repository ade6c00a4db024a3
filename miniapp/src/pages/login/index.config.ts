export default definePageConfig({ navigationBarTitleText: '公积金服务' });
