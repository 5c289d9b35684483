import { Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock.js';
import { EventsController } from './events.controller.js';
import { RecordPathwayFactsHandler } from './record-facts.handler.js';

@Module({
  controllers: [EventsController],
  providers: [RecordPathwayFactsHandler, { provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class IngestionModule {}
