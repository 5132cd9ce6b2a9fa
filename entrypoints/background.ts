import { readBuildEndpoints } from '@/utils/endpoints';
import { registerInvoiceService } from '@/utils/invoice-service';

export default defineBackground({
  type: 'module',
  main() {
    registerInvoiceService({ endpoints: readBuildEndpoints() });
  },
});
