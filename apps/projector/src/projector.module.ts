import { Module } from '@nestjs/common';
import { ValueTierPolicy } from './policies/value-tier.policy';
import { ProjectorService } from './projector.service';

/** Feeds the read models from the bus, and runs the policies that react to the log. */
@Module({ providers: [ProjectorService, ValueTierPolicy] })
export class ProjectorModule {}
