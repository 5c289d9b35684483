import { ApiProperty } from '@nestjs/swagger';

export class AuthConfigDto {
  @ApiProperty({ example: 'http://localhost:3000/oidc', description: 'OpenID Connect issuer identifier' })
  issuer!: string;

  @ApiProperty({ example: 'dashboard', description: 'Public client (authorization code with PKCE)' })
  clientId!: string;

  @ApiProperty({ example: 'openid api' })
  scope!: string;
}
