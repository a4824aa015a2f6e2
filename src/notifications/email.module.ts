import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DevEmailsController } from './dev-emails.controller';
import { EmailOutbox } from './email-outbox';
import { EmailOutboxEntity } from './email-outbox.entity';
import { EmailOutboxRepository } from './email-outbox.repository';
import { EmailOutboxResolver } from './email-outbox.resolver';
import { EmailPreview } from './email-preview';
import { EmailRenderer } from './email-renderer';
import { Mailer } from './mailer';
import { OutboxWorker } from './outbox-worker';

/**
 * The email outbox, its worker, the templates and the mail transport. Imports
 * no domain: domains import this module and write emails with `EmailOutbox.enqueue`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([EmailOutboxEntity])],
  controllers: [DevEmailsController],
  providers: [EmailOutboxRepository, EmailOutbox, EmailRenderer, Mailer, OutboxWorker, EmailPreview, EmailOutboxResolver],
  exports: [EmailOutbox, EmailRenderer, OutboxWorker],
})
export class EmailModule {}
