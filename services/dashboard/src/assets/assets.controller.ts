import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The app's own script and style, beside src/ (in the repository also when the app runs compiled from dist/). */
const PUBLIC_DIR = [resolve(__dirname, '../../public'), resolve(__dirname, '../../../../../services/dashboard/public')].find((dir) =>
  existsSync(resolve(dir, 'dashboard.js')),
);

/**
 * The page scripts, served by the app itself from the installed packages (pinned: htmx 2, ECharts 6), so the
 * dashboard works on a machine without internet and the content policy allows only this origin.
 */
const ASSETS: Record<string, { file: string; type: string }> = {
  'htmx.min.js': { file: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript' },
  'echarts.min.js': { file: require.resolve('echarts/dist/echarts.min.js'), type: 'text/javascript' },
  'dashboard.js': { file: resolve(PUBLIC_DIR ?? '.', 'dashboard.js'), type: 'text/javascript' },
  'dashboard.css': { file: resolve(PUBLIC_DIR ?? '.', 'dashboard.css'), type: 'text/css' },
};

@Controller('assets')
export class AssetsController {
  private readonly loaded = new Map<string, Buffer>();

  @Get(':name')
  asset(@Param('name') name: string, @Res() response: Response): void {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException();
    let body = this.loaded.get(name);
    if (!body) {
      body = readFileSync(asset.file);
      this.loaded.set(name, body);
    }
    response.set('Cache-Control', 'public, max-age=3600').type(asset.type).send(body);
  }
}
