import { readBuildEndpoints } from '@/utils/endpoints';
import { registerInvoiceService } from '@/utils/invoice-service';
import { registerAutoLock } from '@/utils/vault-service';

export default defineBackground({
  type: 'module',
  main() {
    registerAutoLock();
    registerInvoiceService({ endpoints: readBuildEndpoints() });
  },
});
