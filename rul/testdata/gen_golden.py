#!/usr/bin/python3
"""Golden values for package rul's tests.

Rerun from rul/testdata with:  /usr/bin/python3 gen_golden.py
(scipy 1.10, numpy). Writes weibull_golden.json.

weibull: right-censored Weibull maximum likelihood by scipy.optimize on the
log-likelihood, independent of the Go profile-likelihood solver, plus the
conditional residual-life quantiles and mean by numerical integration.
"""
import json
import numpy as np
from scipy import optimize, integrate

rng = np.random.default_rng(20240601)
k_true, lam_true = 2.3, 1000.0
life = lam_true * rng.weibull(k_true, 40)
cens = rng.uniform(300, 2000, 40)
times = np.minimum(life, cens)
failed = life <= cens

def nll(p):
    k, lam = np.exp(p)
    z = times / lam
    ll = np.sum(failed * (np.log(k) - np.log(lam) + (k - 1) * np.log(z))) - np.sum(z ** k)
    return -ll

res = optimize.minimize(nll, x0=[0.0, np.log(times.mean())], method="Nelder-Mead",
                        options=dict(xatol=1e-12, fatol=1e-13, maxiter=20000, maxfev=40000))
k, lam = np.exp(res.x)

age = 700.0
surv = lambda t: np.exp(-(t / lam) ** k)
qs = {}
for p in [0.05, 0.5, 0.95]:
    # residual life x with 1 - S(age+x)/S(age) = p
    f = lambda x: 1 - surv(age + x) / surv(age) - p
    qs[str(p)] = optimize.brentq(f, 0, 20 * lam, xtol=1e-12)
mean, _ = integrate.quad(lambda x: surv(age + x) / surv(age), 0, np.inf, epsabs=1e-12)

json.dump(dict(times=times.tolist(), failed=failed.tolist(), shape=k, scale=lam,
               age=age, quantiles=qs, mean=mean), open("weibull_golden.json", "w"), indent=1)
print(k, lam, qs, mean, failed.sum())
