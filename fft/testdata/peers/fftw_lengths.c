/* fftw_lengths times FFTW 3 complex forward transforms of the lengths given
   on standard input, one pair "n m" per line (a length and the 2,3,5-smooth
   length nearest to it, as BenchmarkRandomLengths prints them), and prints
   "n m tn_us tm_us ratio" per pair: the best of 5 repeats of each, the two
   alternated. The planner flag is the first argument: measure (default) or
   estimate. lengths.sh builds and runs it. */
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
typedef struct{fftw_plan p;fftw_complex*in,*out;int n;}job;
static job mk(int n,unsigned flags){job j;j.n=n;j.in=fftw_malloc(sizeof(fftw_complex)*n);j.out=fftw_malloc(sizeof(fftw_complex)*n);
j.p=fftw_plan_dft_1d(n,j.in,j.out,FFTW_FORWARD,flags);for(int i=0;i<n;i++){j.in[i][0]=rand()/(double)RAND_MAX;j.in[i][1]=rand()/(double)RAND_MAX;}return j;}
static void rm(job j){fftw_destroy_plan(j.p);fftw_free(j.in);fftw_free(j.out);}
static double run(job j,int it){double t0=now();for(int i=0;i<it;i++)fftw_execute(j.p);return (now()-t0)/it;}
int main(int argc,char**argv){unsigned flags=FFTW_MEASURE;if(argc>1&&!strcmp(argv[1],"estimate"))flags=FFTW_ESTIMATE;
int n,m;while(scanf("%d %d",&n,&m)==2){job a=mk(n,flags),b=mk(m,flags);int it=(int)(2e7/n)+2;double ba=1e9,bb=1e9;
for(int r=0;r<5;r++){double t=run(a,it);if(t<ba)ba=t;t=run(b,it);if(t<bb)bb=t;}
printf("%d %d %.1f %.1f %.2f\n",n,m,ba*1e6,bb*1e6,ba/bb);fflush(stdout);rm(a);rm(b);}return 0;}
