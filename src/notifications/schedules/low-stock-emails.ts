import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from 'src/common/request-context';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { lockingTransaction } from 'src/database/locking';
import { EmailRequest } from '../email-models';
import { EmailOutbox } from '../email-outbox';
import { NotificationSources } from './notification-sources';

const BATCH = 50;

/** Who manages stock at a unit: its outreach staff and branch managers, and those of the units above it. */
export const STOCK_RESPONSIBLE_ROLES = [Role.OUTREACH_STAFF, Role.BRANCH_MANAGER];

/**
 * low-stock: turns the low-stock notices the stock ledger writes (in the
 * movement's own transaction) into emails. One transaction claims a batch of
 * PENDING notices (SKIP LOCKED on MySQL), writes an email per notice and
 * responsible person, and marks the notices NOTIFIED: the emails exist exactly
 * when the notice is done, so none is lost or written twice.
 */
@Injectable()
export class LowStockEmails {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: NotificationSources,
    private readonly outbox: EmailOutbox,
  ) {}

  /** Handles every PENDING notice; returns how many emails were written. */
  async run(): Promise<number> {
    let total = 0;
    for (;;) {
      const step = await lockingTransaction(this.dataSource, async (manager) => {
        const notices = await this.sources.claimLowStockNotices(manager, BATCH);
        if (notices.length === 0) return null;
        const units = await this.sources.unitsById([...new Set(notices.map((n) => n.orgUnitId))], manager);
        const materials = await this.sources.materialsById(manager, [...new Set(notices.map((n) => n.materialId))]);
        const people = await this.sources.usersAbove([...units.keys()], STOCK_RESPONSIBLE_ROLES, manager);
        const requests = notices.flatMap((notice) => {
          const material = materials.get(notice.materialId);
          if (!material) return [];
          const unitName = units.get(notice.orgUnitId)?.name ?? '';
          return people
            .filter((p) => p.unitId === notice.orgUnitId)
            .map(({ person }): EmailRequest<'low-stock'> => ({
              template: 'low-stock',
              to: { email: person.email, name: person.name, locale: person.locale, userId: person.id },
              model: {
                material: { code: material.code, title: material.title, format: material.format },
                orgUnitName: unitName,
                level: notice.level,
                threshold: notice.threshold,
                url: `${this.config.publicUrl}/dashboard`,
              },
              dedupeKey: `low-stock:${notice.id}:${person.id}`,
            }));
        });
        const rows = await this.outbox.enqueueAll(manager, requests);
        await this.sources.markNoticesNotified(manager, notices.map((n) => n.id));
        return rows.length;
      });
      if (step === null) return total;
      total += step;
    }
  }
}
