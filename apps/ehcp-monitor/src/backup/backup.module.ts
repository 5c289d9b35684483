import { Module } from '@nestjs/common';
import { BackupController } from './backup.controller.js';

/** Backups of the embedded data folder (restored by the CLI). */
@Module({ controllers: [BackupController] })
export class BackupModule {}
