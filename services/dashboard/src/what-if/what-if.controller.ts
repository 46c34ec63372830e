import { AgreementVersion } from '@smi/agreements';
import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Query, Req } from '@nestjs/common';
import { answered, page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import type { DashboardRequest } from '../session/session.middleware';
import type { Viewer } from '../session/viewer';
import { comparisonOf } from './what-if-comparison';
import { FormFields, LineChoice, lineChoicesOf, whatIfRequestOfForm } from './what-if-form';
import { comparisonSection, lineTerms, problemsSection, whatIfContent } from './what-if.view';

const TITLE = 'What-if';
const HTML = 'text/html; charset=utf-8';

/**
 * The what-if page for a buyer or a supplier: one of its agreement lines, its terms changed scenario by
 * scenario, replayed over a demand history by replenishment (which records nothing) and compared.
 */
@Controller('what-if')
export class WhatIfController {
  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', HTML)
  async show(@Req() request: DashboardRequest): Promise<string> {
    const viewer = request.viewer!;
    const lines = await this.lines(viewer);
    return page(
      viewer,
      '/what-if',
      TITLE,
      answered(lines, (l) => whatIfContent(l, viewer.csrfToken, {})),
    ).text;
  }

  /** The chosen line's terms, when the form's line changes. */
  @Get('terms')
  @Header('Content-Type', HTML)
  async terms(@Req() request: DashboardRequest, @Query('line') key: unknown): Promise<string> {
    const viewer = request.viewer!;
    const lines = await this.lines(viewer);
    const line = lines.ok ? lines.value.find((l) => l.key === key) : undefined;
    return String(line ? lineTerms(line) : '');
  }

  @Post()
  @HttpCode(HttpStatus.OK)
  @Header('Content-Type', HTML)
  async run(@Req() request: DashboardRequest, @Body() body: FormFields | undefined): Promise<string> {
    const viewer = request.viewer!;
    const fields = body ?? {};
    const lines = await this.lines(viewer);
    const result = lines.ok ? await this.compare(viewer, fields, lines.value) : answered(lines, () => null);
    return page(
      viewer,
      '/what-if',
      TITLE,
      answered(lines, (l) => whatIfContent(l, viewer.csrfToken, fields, result)),
    ).text;
  }

  private async compare(viewer: Viewer, fields: FormFields, lines: LineChoice[]) {
    const asked = whatIfRequestOfForm(fields, lines);
    if (!asked.ok) return problemsSection(asked.problems);
    const answer = await this.api.post<unknown>('replenishment', '/what-if-simulations', viewer.apiKey, asked.body);
    if (!answer.ok) return problemsSection([`replenishment ${answer.message}`]);
    const comparison = comparisonOf(answer.value);
    return comparison ? comparisonSection(comparison) : problemsSection(['replenishment answered with something other than a comparison']);
  }

  private async lines(viewer: Viewer) {
    const versions = await this.api.get<AgreementVersion[]>('replenishment', '/agreements?status=active', viewer.apiKey);
    return versions.ok ? { ok: true as const, value: lineChoicesOf(versions.value) } : versions;
  }
}
