import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'casetrail:public';

/** Marks a route that needs no bearer token (health, metrics, API docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
