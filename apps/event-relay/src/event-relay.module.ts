import { Module } from '@nestjs/common';
import { EventRelayService } from './event-relay.service';

@Module({ providers: [EventRelayService] })
export class EventRelayModule {}
