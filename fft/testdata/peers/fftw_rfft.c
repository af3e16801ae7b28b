/* fftw_rfft times FFTW 3 real-to-complex forward transforms (FFTW_MEASURE
   plans) for the lengths of BenchmarkRealFFT; run.sh builds and runs it.
   With the argument "nosimd" the plans also carry FFTW's undocumented
   FFTW_NO_SIMD flag: scalar codelets only, the peer of pure-Go code. */
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){int ns[]={1024,4096,16384,65536,12000,20480};
unsigned flags=FFTW_MEASURE;if(argc>1&&!strcmp(argv[1],"nosimd"))flags|=FFTW_NO_SIMD;
for(int k=0;k<6;k++){int n=ns[k];double*in=fftw_malloc(sizeof(double)*n);fftw_complex*out=fftw_malloc(sizeof(fftw_complex)*(n/2+1));
for(int i=0;i<n;i++)in[i]=rand()/(double)RAND_MAX;
fftw_plan p=fftw_plan_dft_r2c_1d(n,in,out,flags);for(int i=0;i<n;i++)in[i]=rand()/(double)RAND_MAX;
double best=1e9;for(int r=0;r<5;r++){int it=(int)(2e7/n)+10;double t0=now();for(int i=0;i<it;i++)fftw_execute(p);double t=(now()-t0)/it;if(t<best)best=t;}
printf("%d %.2f us\n",n,best*1e6);}}
