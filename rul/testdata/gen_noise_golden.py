#!/usr/bin/python3
"""Golden values for the degradation models' NoiseConfig updates (noise_test.go).

Rerun from rul/testdata with:  /usr/bin/python3 gen_noise_golden.py
(numpy). Writes noise_golden.json.

Everything is computed in batch from the raw observations, independently of
the Go running sums: forgetting weights w_i = lam**(n-1-i); the lag-1
autocorrelation of the weighted least-squares residuals (pairs weighted by
the later observation's weight), clipped to [0, rho_max]; the Prais-Winsten
transformed design (first row scaled by sqrt(1-rho^2), later rows
quasi-differenced); the Normal(-Inverse-Gamma) posterior with coefficient
prior N(m0, S0) at sigma^2 = s0 = sigma0^2 (1 - rho^2).
"""
import json
import numpy as np

rng = np.random.default_rng(20240611)
n = 40
t = np.cumsum(rng.uniform(0.8, 1.2, n))
e = np.zeros(n)
for i in range(n):
    e[i] = (0.8 * e[i - 1] if i else 0) + 0.05 * rng.standard_normal()
z_exp = -0.7 + 0.03 * t + e              # ln(S - phi)
phi_exp = 1.0
S_exp = phi_exp + np.exp(z_exp)
phi_lin = 0.5
S_lin = phi_lin + 0.01 * t + 0.006 * np.cumsum(rng.standard_normal(n)) + 0.005 * rng.standard_normal(n)


def posterior(X, z, m0, S0, sigma0, nu, rho_on, rho_max, lam):
    n = len(z)
    w = lam ** np.arange(n - 1, -1, -1.0)
    rho = 0.0
    if rho_on:
        W = np.diag(w)
        c = np.linalg.solve(X.T @ W @ X, X.T @ W @ z)
        r = z - X @ c
        if w[1:].sum() >= 5:
            rho = (np.sum(w[1:] * r[1:] * r[:-1]) / w[1:].sum()) / (np.sum(w * r * r) / w.sum())
        rho = min(max(rho, 0.0), rho_max)
    q = np.sqrt(1 - rho ** 2)
    U = np.concatenate([[q * z[0]], z[1:] - rho * z[:-1]])
    XT = np.vstack([q * X[0], X[1:] - rho * X[:-1]])
    s0 = sigma0 * (1 - rho ** 2)
    P0 = np.linalg.inv(S0)
    G = XT.T @ np.diag(w) @ XT
    Lam = P0 + G / s0
    C = np.linalg.inv(Lam)
    m = C @ (P0 @ m0 + XT.T @ (w * U) / s0)
    out = dict(rho=rho, mean=m.tolist())
    if nu > 0:
        res = U - XT @ m
        alpha = nu / 2 + w.sum() / 2
        beta = nu * s0 / 2 + 0.5 * (np.sum(w * res ** 2) + s0 * (m - m0) @ P0 @ (m - m0))
        ev = beta / (alpha - 1) if alpha > 1 else beta / alpha
        out.update(alpha=alpha, beta=beta, cov=(C * ev / s0).tolist(), variance=ev / (1 - rho ** 2))
    else:
        out.update(alpha=0.0, beta=0.0, cov=C.tolist(), variance=sigma0)
    out["weight"] = w.sum()
    return out


configs = [
    dict(nu=3.0, rho_on=False, rho_max=0.99, lam=1.0),
    dict(nu=0.0, rho_on=True, rho_max=0.99, lam=0.97),
    dict(nu=2.0, rho_on=True, rho_max=0.6, lam=0.95),
    dict(nu=5.0, rho_on=True, rho_max=0.99, lam=1.0),
]

exp_prior = dict(Phi=phi_exp, LogThetaMean=-0.5, LogThetaVariance=0.2, BetaMean=0.02,
                 BetaVariance=1e-4, Rho=-0.3, NoiseVariance=0.004)
lin_prior = dict(Phi=phi_lin, SlopeMean=0.012, SlopeVariance=1e-5, NoiseVariance=4e-4)

cov0 = exp_prior["Rho"] * np.sqrt(exp_prior["LogThetaVariance"] * exp_prior["BetaVariance"])
S0e = np.array([[exp_prior["LogThetaVariance"], cov0], [cov0, exp_prior["BetaVariance"]]])
m0e = np.array([exp_prior["LogThetaMean"], exp_prior["BetaMean"]])
Xe = np.vstack([np.ones(n), t]).T
Xl = t[:, None]
S0l = np.array([[lin_prior["SlopeVariance"]]])
m0l = np.array([lin_prior["SlopeMean"]])

cases = []
for c in configs:
    pe = posterior(Xe, z_exp, m0e, S0e, exp_prior["NoiseVariance"], c["nu"], c["rho_on"], c["rho_max"], c["lam"])
    pl = posterior(Xl, S_lin - phi_lin, m0l, S0l, lin_prior["NoiseVariance"], c["nu"], c["rho_on"], c["rho_max"], c["lam"])
    cases.append(dict(config=c, exponential=pe, linear=pl))

json.dump(dict(t=t.tolist(), exp_value=S_exp.tolist(), lin_value=S_lin.tolist(),
               exp_prior=exp_prior, lin_prior=lin_prior, cases=cases),
          open("noise_golden.json", "w"), indent=1)
print("wrote noise_golden.json")
