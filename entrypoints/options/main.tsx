import { renderPage } from '@/utils/render-page';
import { OptionsApp } from './App';

renderPage(OptionsApp, 'optionsTitle');
