import { Injectable } from '@nestjs/common';

/** The documents made once at start-up from the OpenAPI document (the AsyncAPI document reuses its schemas). */
@Injectable()
export class ContractDocuments {
  private asyncApi: Record<string, unknown> | undefined;

  publishAsyncApi(document: Record<string, unknown>): void {
    this.asyncApi = document;
  }

  asyncApiDocument(): Record<string, unknown> | undefined {
    return this.asyncApi;
  }
}
