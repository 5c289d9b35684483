import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { ComponentStates } from './component-states.js';
import { HealthRegistry } from './health.registry.js';
import { ProbePort } from './probe-port.js';
import { ProbesController } from './probes.controller.js';

@Global()
@Module({
  imports: [TerminusModule],
  controllers: [HealthController, ProbesController],
  providers: [HealthRegistry, ComponentStates, ProbePort],
  exports: [HealthRegistry, ComponentStates],
})
export class HealthModule {}
