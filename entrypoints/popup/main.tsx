import { renderPage } from '@/utils/render-page';
import { App } from './App';

renderPage(App, 'extName');
