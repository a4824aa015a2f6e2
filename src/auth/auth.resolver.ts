import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from 'src/common/request-context';
import { AuthService } from './auth.service';
import { AuthPayload } from './dto/auth-payload.model';
import { LoginArgs } from './dto/login.args';
import { UserEntity } from './user.entity';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload)
  login(@Ctx() ctx: RequestContext, @Args() args: LoginArgs) {
    return this.auth.login(ctx, args.email, args.password);
  }

  @Query(() => UserEntity)
  me(@Ctx() ctx: RequestContext) {
    return this.auth.me(ctx);
  }
}
