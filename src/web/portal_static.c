/*
 * portal_static.c — the portal's stylesheet, served at /static/portal.css
 * from this embedded string (no files to install): readable contrast
 * (text #1a1a1a on white, links #0b4f9c: both above WCAG AA 4.5:1),
 * visible focus outlines, the larger-text mode (html.large) and a print
 * stylesheet that hides navigation and footer and prints link targets.
 */
#include <string.h>

#include "web/admin.h"
#include "web/portal.h"

static const char portal_css[] =
"*{box-sizing:border-box}\n"
"html{font-size:100%}\n"
"html.large{font-size:137.5%}\n"
"body{margin:0;font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;"
"line-height:1.7;color:#1a1a1a;background:#fff}\n"
".wrap{max-width:1100px;margin:0 auto;padding:0 1rem}\n"
"a{color:#0b4f9c}\n"
"a:visited{color:#5a2a82}\n"
"a:focus,button:focus,input:focus,select:focus,textarea:focus,main:focus{outline:3px solid #d4380d;outline-offset:2px}\n"
".skip{position:absolute;left:-9999px;top:0;background:#fff;color:#0b4f9c;padding:.5rem 1rem;z-index:10}\n"
".skip:focus{left:1rem}\n"
".masthead{background:#a8151b;color:#fff;border-bottom:4px solid #d9a520}\n"
".masthead .wrap{display:flex;align-items:center;gap:1rem;padding:1rem}\n"
".masthead a{color:#fff}\n"
".emblem{display:inline-block;width:56px;height:56px;border-radius:50%;border:3px solid #f5d77a;"
"background:#c8161e;flex:none}\n"
".names{flex:1}\n"
".sitename{margin:0;font-size:1.6rem;font-weight:bold}\n"
".sitename a{text-decoration:none}\n"
".subname{margin:0;font-size:1rem}\n"
".access a{border:1px solid #fff;padding:.25rem .75rem;border-radius:3px;text-decoration:none}\n"
".topnav{background:#f3f3f3;border-bottom:1px solid #ccc}\n"
".topnav ul{list-style:none;margin:0 auto;padding:0 1rem;max-width:1100px;display:flex;flex-wrap:wrap}\n"
".topnav li a{display:block;padding:.6rem .9rem;color:#1a1a1a;text-decoration:none;font-weight:bold}\n"
".topnav li a:hover{background:#a8151b;color:#fff}\n"
".searchbox{max-width:1100px;margin:0 auto;padding:.5rem 1rem}\n"
".searchbox input{padding:.3rem;font-size:1rem;border:1px solid #767676}\n"
".searchbox button,button{padding:.3rem .9rem;font-size:1rem;background:#0b4f9c;color:#fff;border:0;border-radius:3px}\n"
".crumbs{padding:.6rem 0;color:#4a4a4a;font-size:.95rem}\n"
"main{padding:.5rem 0 2rem}\n"
"h1{font-size:1.6rem;color:#a8151b;border-bottom:2px solid #a8151b;padding-bottom:.3rem}\n"
"h2{font-size:1.3rem;border-left:5px solid #a8151b;padding-left:.5rem}\n"
"table{border-collapse:collapse;width:100%;margin:1rem 0}\n"
"th,td{border:1px solid #999;padding:.4rem .6rem;text-align:left;vertical-align:top}\n"
"th{background:#f0f0f0;white-space:nowrap}\n"
"table.meta th{width:8em}\n"
"caption{text-align:left;font-weight:bold;padding:.3rem 0}\n"
".num{text-align:right}\n"
"ul.items{list-style:none;padding:0}\n"
"ul.items li{display:flex;justify-content:space-between;gap:1rem;border-bottom:1px dashed #bbb;padding:.4rem 0}\n"
"ul.items time{color:#4a4a4a;white-space:nowrap}\n"
".pager{margin:1rem 0}\n"
".pager a,.pager span{display:inline-block;padding:.2rem .6rem;margin:0 .15rem;border:1px solid #999}\n"
".pager span[aria-current]{background:#a8151b;color:#fff;border-color:#a8151b}\n"
".agencies{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1rem;padding:0;list-style:none}\n"
".agencies>li{border:1px solid #ccc;padding:1rem}\n"
".tree ul{margin:.2rem 0}\n"
".notice{background:#fff7e6;border:1px solid #d48806;padding:.8rem}\n"
".body{font-size:1.05rem}\n"
".qr svg{width:140px;height:140px}\n"
"figure.chart{margin:1rem 0}\n"
"figure.chart svg{max-width:100%;height:auto}\n"
".foot{background:#f3f3f3;border-top:4px solid #a8151b;margin-top:2rem;padding:1rem 0;font-size:.9rem;color:#333}\n"
".foot ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.5rem}\n"
".error .status{color:#4a4a4a}\n"
/* the public forms (forms.c): labels above fields, hints, errors next to their field */
".gk-form fieldset{border:1px solid #ccc;margin:1rem 0;padding:.5rem 1rem}\n"
".gk-form .field{margin:.8rem 0}\n"
".gk-form label{display:block;font-weight:bold}\n"
".gk-form label.choice{display:inline-block;font-weight:normal;margin-right:1.2rem}\n"
".gk-form input[type=text],.gk-form input[type=tel],.gk-form input[type=email],.gk-form textarea"
"{font-size:1rem;padding:.3rem;border:1px solid #767676;max-width:100%}\n"
".hint{margin:.1rem 0 .3rem;color:#4a4a4a;font-size:.95rem}\n"
".req,.field-error{color:#a8151b}\n"
".field-error{margin:.2rem 0}\n"
".field.invalid{border-left:4px solid #a8151b;padding-left:.6rem}\n"
".error-summary{border-color:#a8151b}\n"
".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\n"
".pre{white-space:pre-wrap}\n"
".consult{border-bottom:1px dashed #bbb;padding:.5rem 0}\n"
"@media (max-width:600px){.masthead .wrap{flex-wrap:wrap}ul.items li{display:block}}\n"
"@media print{\n"
".topnav,.searchbox,.foot,.access,.skip,.crumbs,.pager,.noprint{display:none}\n"
".masthead{background:none;color:#000;border-bottom:2px solid #000}\n"
".masthead a{color:#000}\n"
".emblem{display:none}\n"
"body{font-size:12pt;color:#000}\n"
"a{color:#000;text-decoration:underline}\n"
"main a[href^=\"/\"]::after{content:\" (\" attr(href) \")\";font-size:.85em}\n"
"main a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:.85em}\n"
"}\n";

const char *
gk_portal_css(size_t *lenp)
{
	if (lenp != NULL)
		*lenp = sizeof(portal_css) - 1;
	return portal_css;
}

/*
 * The back office's stylesheet, served at /static/admin.css (admin.c; the
 * frame is admin_page.c): the same contrast rules as the portal, a top bar
 * and a left menu that stack below each other on narrow screens and at
 * 200% zoom, visible focus, and a print layout without menu and buttons.
 */
static const char admin_css[] =
"*{box-sizing:border-box}\n"
"html{font-size:100%}\n"
"body.admin{margin:0;font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;"
"line-height:1.6;color:#1a1a1a;background:#f4f5f7}\n"
"a{color:#0b4f9c}\n"
"a:focus,button:focus,input:focus,select:focus,textarea:focus,main:focus{outline:3px solid #d4380d;outline-offset:2px}\n"
".skip{position:absolute;left:-9999px;top:0;background:#fff;color:#0b4f9c;padding:.5rem 1rem;z-index:10}\n"
".skip:focus{left:1rem}\n"
".topbar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1.5rem;"
"background:#8c1016;color:#fff;padding:.6rem 1rem;border-bottom:3px solid #d9a520}\n"
".topbar a{color:#fff}\n"
".topbar .platform{font-weight:bold;font-size:1.15rem}\n"
".topbar .office{margin-left:.5rem;padding-left:.5rem;border-left:1px solid #f0c8ca}\n"
".topbar .who{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem 1rem}\n"
".topbar .agency{font-weight:bold}\n"
".topbar button{background:#fff;color:#8c1016;border:1px solid #fff;font-weight:bold}\n"
"form.inline{display:inline;margin:0}\n"
".layout{display:flex;flex-wrap:wrap;align-items:flex-start;min-height:80vh}\n"
".side{flex:0 0 13rem;background:#fff;border-right:1px solid #c9ccd1;min-height:80vh}\n"
".side ul{list-style:none;margin:0;padding:.5rem 0}\n"
".side li a{display:block;padding:.55rem 1rem;color:#1a1a1a;text-decoration:none;border-left:4px solid transparent}\n"
".side li.sub a{padding-left:2rem;font-size:.95rem}\n"
".side li a:hover{background:#f1e4e4}\n"
".side li a.open{font-weight:bold}\n"
".side li a[aria-current]{border-left-color:#8c1016;background:#f6e9e9;font-weight:bold;color:#8c1016}\n"
"main{flex:1 1 30rem;min-width:0;padding:1rem 1.5rem 2rem;background:#fff}\n"
"body.bare main.login{max-width:30rem;margin:2rem auto;border:1px solid #c9ccd1;padding:1rem 2rem 1.5rem}\n"
"h1{font-size:1.5rem;margin:.3rem 0 1rem;color:#1a1a1a;border-bottom:2px solid #8c1016;padding-bottom:.3rem}\n"
"h2{font-size:1.2rem;border-left:4px solid #8c1016;padding-left:.5rem}\n"
"table{border-collapse:collapse;width:100%;margin:1rem 0;background:#fff}\n"
"th,td{border:1px solid #9a9a9a;padding:.4rem .6rem;text-align:left;vertical-align:top}\n"
"thead th,th[scope=col]{background:#eceef1}\n"
"caption{text-align:left;font-weight:bold;padding:.3rem 0}\n"
".num{text-align:right;font-variant-numeric:tabular-nums}\n"
"button,.button{display:inline-block;padding:.35rem 1rem;font-size:1rem;background:#0b4f9c;color:#fff;"
"border:1px solid #0b4f9c;border-radius:3px;cursor:pointer;text-decoration:none}\n"
"button.secondary,.button.secondary{background:#fff;color:#0b4f9c}\n"
"button.danger{background:#a8151b;border-color:#a8151b}\n"
".gk-form .field{margin:.8rem 0}\n"
".gk-form label{display:block;font-weight:bold;margin-bottom:.2rem}\n"
".gk-form label.choice{display:inline-block;font-weight:normal;margin-right:1.2rem}\n"
"input[type=text],input[type=password],input[type=date],input[type=number],input[type=email],input[type=tel],"
"select,textarea{font-size:1rem;padding:.3rem .4rem;border:1px solid #6b6b6b;border-radius:2px;max-width:100%;background:#fff;color:#1a1a1a}\n"
"textarea{width:100%}\n"
".hint{color:#4a4a4a;font-size:.95rem;margin:.2rem 0 .4rem}\n"
".req,.field-error{color:#a8151b}\n"
".field.invalid{border-left:4px solid #a8151b;padding-left:.6rem}\n"
".alert{background:#fdecea;border:1px solid #a8151b;color:#7a0c10;padding:.6rem .8rem}\n"
".notice{background:#fff7e6;border:1px solid #ad6800;padding:.6rem .8rem}\n"
".ok{background:#edf7ed;border:1px solid #2e7d32;color:#1b4d1f;padding:.6rem .8rem}\n"
".secret{font-family:monospace;font-size:1.05rem;word-break:break-all;background:#f4f5f7;border:1px dashed #6b6b6b;padding:.5rem}\n"
".status{color:#4a4a4a}\n"
".badge{display:inline-block;padding:0 .4rem;border:1px solid #6b6b6b;border-radius:3px;font-size:.9rem}\n"
".late{color:#a8151b;font-weight:bold}\n"
".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\n"
".foot{padding:.6rem 1rem;font-size:.9rem;color:#4a4a4a;border-top:1px solid #c9ccd1}\n"
"@media (max-width:48rem){.side{flex:1 1 100%;min-height:0;border-right:0;border-bottom:1px solid #c9ccd1}"
".side ul{display:flex;flex-wrap:wrap}.side li a{border-left:0;border-bottom:3px solid transparent}"
".side li a[aria-current]{border-bottom-color:#8c1016}.side li.sub a{padding-left:1rem}main{padding:1rem}}\n"
"@media print{\n"
".side,.skip,.topbar form,.topbar a,.foot,form button,.noprint{display:none}\n"
".topbar{background:none;color:#000;border-bottom:2px solid #000}\n"
"body.admin,main{background:#fff;color:#000;font-size:12pt}\n"
"a{color:#000}\n"
"}\n";

const char *
gk_admin_css(size_t *lenp)
{
	if (lenp != NULL)
		*lenp = sizeof(admin_css) - 1;
	return admin_css;
}
