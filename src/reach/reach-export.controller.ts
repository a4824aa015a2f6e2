import { ArgumentsHost, Catch, ExceptionFilter, Get, Controller, Query, Res, UseFilters, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { Ctx, RequestContext } from 'src/common/request-context';
import { DomainError } from 'src/common/errors';
import { ReachExportService } from './reach-export.service';

/** The contract's error shape over plain HTTP: `{ errors: [{ message, extensions: { code, … } }] }` with a matching status. */
@Catch()
export class ReachHttpErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) {
      const status = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, RATE_LIMITED: 429, QUERY_TOO_COMPLEX: 400 }[error.code];
      res.status(status).json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions() } }] });
      return;
    }
    const status = error instanceof HttpException ? error.getStatus() : 500;
    res.status(status).json({ errors: [{ message: status === 500 ? 'Internal server error.' : (error as Error).message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  }
}

/** `GET /reports/reach.csv|xlsx`: the reach query as a file, same filter, bearer token and scope. */
@Controller('reports')
@UseFilters(ReachHttpErrorFilter)
export class ReachExportController {
  constructor(private readonly exports: ReachExportService) {}

  @Get('reach.csv')
  async csv(@Ctx() ctx: RequestContext, @Query() query: Record<string, string | string[]>, @Res() res: Response) {
    const file = await this.exports.csv(ctx, query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${file.name}"`).send(file.body);
  }

  @Get('reach.xlsx')
  async xlsx(@Ctx() ctx: RequestContext, @Query() query: Record<string, string | string[]>, @Res() res: Response) {
    const file = await this.exports.xlsx(ctx, query);
    res
      .setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .setHeader('Content-Disposition', `attachment; filename="${file.name}"`)
      .send(file.body);
  }
}
