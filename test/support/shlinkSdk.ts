/**
 * The Shlink JS SDK, typed. Its .d.ts files re-export without file extensions, which NodeNext
 * cannot follow, so the client's methods used by the tests are named here over the SDK's own
 * contract types (types.d.ts imports nothing and resolves as it is).
 */
import * as sdk from '@shlinkio/shlink-js-sdk';
import * as fetchClient from '@shlinkio/shlink-js-sdk/fetch';
import type {
  ShlinkCreateShortUrlData,
  ShlinkEditShortUrlData,
  ShlinkShortUrl,
  ShlinkShortUrlIdentifier,
  ShlinkShortUrlsList,
  ShlinkShortUrlsListParams,
  ShlinkVisitsList,
  ShlinkVisitsParams,
} from '../../node_modules/@shlinkio/shlink-js-sdk/dist/api-contract/types.js';

export interface ShlinkClient {
  createShortUrl(data: ShlinkCreateShortUrlData): Promise<ShlinkShortUrl>;
  listShortUrls(params?: ShlinkShortUrlsListParams): Promise<ShlinkShortUrlsList>;
  getShortUrl(id: ShlinkShortUrlIdentifier): Promise<ShlinkShortUrl>;
  updateShortUrl(id: ShlinkShortUrlIdentifier, data: ShlinkEditShortUrlData): Promise<ShlinkShortUrl>;
  deleteShortUrl(id: ShlinkShortUrlIdentifier): Promise<void>;
  getShortUrlVisits(id: ShlinkShortUrlIdentifier, params?: ShlinkVisitsParams): Promise<ShlinkVisitsList>;
}

type Constructors = {
  ShlinkApiClient: new (http: unknown, server: { baseUrl: string; apiKey: string }) => ShlinkClient;
  FetchHttpClient: new () => unknown;
};

/** Shlink's own client for a server base URL (the SDK appends /rest/v3). */
export function shlinkClient(baseUrl: string, apiKey: string): ShlinkClient {
  const { ShlinkApiClient } = sdk as unknown as Constructors;
  const { FetchHttpClient } = fetchClient as unknown as Constructors;
  return new ShlinkApiClient(new FetchHttpClient(), { baseUrl, apiKey });
}
