import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from 'src/common/errors';
import { RequestContext } from 'src/common/request-context';
import { AccessPolicy } from 'src/org/access-policy';
import { AuthPayload } from './dto/auth-payload.model';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { normaliseEmail, UserService } from './user.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly access: AccessPolicy,
  ) {}

  /** Exchanges email and password for a bearer token; failures are throttled per account and per address. */
  async login(ctx: RequestContext, email: string, password: string): Promise<AuthPayload> {
    const attempt = await this.throttle.begin(normaliseEmail(email), ctx.clientIp);
    const user = await this.users.findByEmail(email);
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      await this.throttle.failed(attempt);
      // One message for both cases, so the answer does not reveal which emails exist.
      throw new UnauthenticatedError('Wrong email or password.');
    }
    await this.throttle.succeeded(attempt);
    return this.session(user);
  }

  /** A token for `user`, optionally limited to one event until `expiresAt`. */
  session(user: UserEntity, options: { eventId?: string; expiresAt?: Date } = {}): AuthPayload {
    const { token, expiresAt } = this.tokens.issue(
      { userId: user.id, role: user.role, orgUnitId: user.orgUnitId, ...(options.eventId ? { eventId: options.eventId } : {}) },
      options.expiresAt,
    );
    return { token, expiresAt, user };
  }

  /** The caller's own user. */
  async me(ctx: RequestContext): Promise<UserEntity> {
    const principal = this.access.principal(ctx);
    const user = await this.users.findById(principal.userId);
    if (!user) throw new UnauthenticatedError('Your account no longer exists.');
    return user;
  }
}
