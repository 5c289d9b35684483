import { Global, Module } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../storage/tokens.js';
import { ErasureController } from './erasure.controller.js';
import { ERASED_CASES, ErasedCases } from './erased-cases.js';
import { ErasureService } from './erasure.service.js';

@Global()
@Module({
  controllers: [ErasureController],
  providers: [
    {
      provide: ERASED_CASES,
      inject: [PG_POOL],
      useFactory: async (pool: pg.Pool) => {
        const erased = new ErasedCases(pool);
        await erased.migrate();
        return erased;
      },
    },
    ErasureService,
  ],
  exports: [ERASED_CASES],
})
export class ErasureModule {}
