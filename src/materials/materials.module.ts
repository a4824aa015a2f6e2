import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from 'src/auth/auth.module';
import { EventsModule } from 'src/events/events.module';
import { OrgModule } from 'src/org/org.module';
import { LowStockNoticeEntity } from './low-stock-notice.entity';
import { MaterialEntity } from './material.entity';
import { MaterialRepository } from './material.repository';
import { MaterialResolver } from './material.resolver';
import { MaterialService } from './material.service';
import { StockLevelEntity } from './stock-level.entity';
import { StockLedger } from './stock-ledger';
import { StockMovementEntity } from './stock-movement.entity';
import { EventLeafletsResolver, StockLevelResolver, StockMovementResolver } from './stock.resolver';
import { StockRepository } from './stock.repository';
import { StockService } from './stock.service';

/** Materials catalogue and the stock ledger from head office to the event. */
@Module({
  imports: [TypeOrmModule.forFeature([MaterialEntity, StockLevelEntity, StockMovementEntity, LowStockNoticeEntity]), OrgModule, AuthModule, EventsModule],
  providers: [MaterialRepository, MaterialService, StockRepository, StockLedger, StockService, MaterialResolver, StockLevelResolver, StockMovementResolver, EventLeafletsResolver],
  exports: [MaterialService, StockService, StockRepository],
})
export class MaterialsModule {}
