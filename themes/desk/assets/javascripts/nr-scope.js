// Material's partials/javascripts/base.html, as a file: the desk's Content-Security-Policy
// runs no inline script. The scope is the desk's root, two folders up from this file
// (Material resolves its base_url against the page: the same URL).
__md_scope=new URL("../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
