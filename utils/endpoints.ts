import type { AwsEndpoints } from './aws/clients';

/**
 * The build-time test seam: only a build made with WXT_INVOICING_ENDPOINT / WXT_STS_ENDPOINT talks to another
 * origin (the fake AWS); a production build has neither and uses AWS's endpoints.
 */
export function readBuildEndpoints(): AwsEndpoints {
  const invoicing = import.meta.env.WXT_INVOICING_ENDPOINT as string | undefined;
  const sts = import.meta.env.WXT_STS_ENDPOINT as string | undefined;
  return { ...(invoicing ? { invoicing } : {}), ...(sts ? { sts } : {}) };
}
