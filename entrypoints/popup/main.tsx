import { warmFormats } from '@/utils/format';
import { renderPage } from '@/utils/render-page';
import { App } from './App';

// Only the popup draws invoice tables: the options page would build their formatters for nothing.
renderPage(App, 'extName', warmFormats);
