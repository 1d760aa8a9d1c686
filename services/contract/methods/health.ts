import { z } from 'zod';
import { defineMethod } from '../define';
import { Health } from '../models';

export const healthGet = defineMethod({
  name: 'health.get',
  summary: 'Health of the app and each of its components, in the shape of the original platform.',
  http: { method: 'GET', path: '/health' },
  input: z.object({}),
  output: Health,
});

export const healthMethods = { 'health.get': healthGet } as const;
