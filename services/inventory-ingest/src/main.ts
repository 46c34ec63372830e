import './telemetry';
import { bootService } from '@smi/service-kit';
import { AppModule } from './app.module';

void bootService(AppModule, { service: 'inventory-ingest', defaultPort: 3001 });
