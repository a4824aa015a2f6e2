import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { dataSourceOptions } from './data-source-options';
import { ScheduledRunEntity } from './scheduled-run.entity';
import { ScheduledRuns } from './scheduled-runs';

/**
 * The one DataSource, and the scheduled-run claims every domain's jobs share.
 * Entities register themselves through TypeOrmModule.forFeature in their domain module.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.database),
        autoLoadEntities: true,
        // Startup must not hang forever when the database is down; main.ts reports it.
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
    TypeOrmModule.forFeature([ScheduledRunEntity]),
  ],
  providers: [ScheduledRuns],
  exports: [ScheduledRuns],
})
export class DatabaseModule {}
