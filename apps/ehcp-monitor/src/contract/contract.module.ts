import { Module } from '@nestjs/common';
import { ContractController } from './contract.controller.js';
import { ContractDocuments } from './contract-documents.js';

/** The published contract: JSON Schema per event type, the AsyncAPI document, the rejection codes. */
@Module({ controllers: [ContractController], providers: [ContractDocuments], exports: [ContractDocuments] })
export class ContractModule {}
