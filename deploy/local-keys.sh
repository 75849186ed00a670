# Sourced by run.sh and deploy/cluster/run.sh: the local API keys (tenant "local") every silo registers, hashed, at
# start. Override them through the environment. Never use these outside your machine.
export Ledgerlink__Api__BootstrapKeys__0__Key="${LEDGERLINK_API_KEY:-local-integrator-key-Zr4Kp8Wd2Mx6Qt}"
export Ledgerlink__Api__BootstrapKeys__0__TenantId=local
export Ledgerlink__Api__BootstrapKeys__0__Role=Integrator
export Ledgerlink__Api__BootstrapKeys__1__Key="${LEDGERLINK_SUPPORT_KEY:-local-support-key-Hb3Vn7Lc1Jy5Sf}"
export Ledgerlink__Api__BootstrapKeys__1__TenantId=local
export Ledgerlink__Api__BootstrapKeys__1__Role=Support
export Ledgerlink__Api__BootstrapKeys__2__Key="${LEDGERLINK_OPERATOR_KEY:-local-operator-key-Pd6Gt0Rw4Km8Xe}"
export Ledgerlink__Api__BootstrapKeys__2__TenantId=local
export Ledgerlink__Api__BootstrapKeys__2__Role=Operator
