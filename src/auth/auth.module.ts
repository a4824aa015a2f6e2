import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgModule } from 'src/org/org.module';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';
import { LoginFailureEntity, UserEntity } from './user.entity';
import { AuditEntryNamesResolver, UserResolver } from './user.resolver';
import { UserService } from './user.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, LoginFailureEntity]), OrgModule],
  providers: [
    AuthService,
    UserService,
    PasswordHasher,
    TokenService,
    LoginThrottle,
    AuthResolver,
    UserResolver,
    AuditEntryNamesResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UserService, PasswordHasher, TokenService],
})
export class AuthModule {}
