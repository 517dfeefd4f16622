;;; e2e.el --- headless end-to-end test of gloss with eglot  -*- lexical-binding: t -*-

;; Real Emacs (28 with Debian's elpa-eglot, or 29+ with the built-in eglot),
;; the setup of editors/emacs/README.md and the built `gloss lsp`, on a
;; scratch copy of the shipped glossary:
;;
;;   GLOSS_BIN=... GLOSS_SITE=... emacs --batch -q -l editors/emacs/test/e2e.el
;;
;; GLOSS_SITE is the folder holding gloss.toml and glossary/ (the test edits
;; it). The project root eglot picks is whatever Emacs makes of the layout:
;; without git the file's own folder (glossary/), in a git repository its
;; top, above a nested gloss.toml. Driven by tests/editors_emacs.rs; prints
;; "ok - ..." per step and exits non-zero on the first failure.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defvar gloss-test-bin (getenv "GLOSS_BIN"))
(defvar gloss-test-site (and (getenv "GLOSS_SITE")
                             (file-name-as-directory (expand-file-name (getenv "GLOSS_SITE")))))
(defconst gloss-test-timeout 30.0)

(defun gloss-test-log (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))

(defun gloss-test-fail (format-string &rest args)
  (let ((message (apply #'format format-string args)))
    (princ (concat "FAIL: " message "\n") #'external-debugging-output)
    (when-let ((events (get-buffer (cl-find-if (lambda (name) (string-match-p "EGLOT.*events" name))
                                               (mapcar #'buffer-name (buffer-list))))))
      (with-current-buffer events
        (princ (concat "--- eglot events (last 3000 chars)\n"
                       (buffer-substring-no-properties (max (point-min) (- (point-max) 3000)) (point-max))
                       "\n")
               #'external-debugging-output)))
    (kill-emacs 1)))

(defun gloss-test-check (condition format-string &rest args)
  (unless condition
    (apply #'gloss-test-fail format-string args)))

(defun gloss-test-wait (what predicate)
  "Run the event loop until PREDICATE returns non-nil; fail naming WHAT."
  (let ((deadline (+ (float-time) gloss-test-timeout))
        result)
    (while (and (not (setq result (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (gloss-test-check result "timed out waiting for %s" what)
    result))

(unless (and gloss-test-bin gloss-test-site)
  (gloss-test-fail "set GLOSS_BIN and GLOSS_SITE"))

;; Emacs 28: eglot, yaml-mode and markdown-mode from Debian's elpa-* packages
;; (loaded by site-start); Emacs 29+: eglot is built in.
(require 'eglot)
(require 'yaml-mode)
(require 'markdown-mode)
(require 'flymake)
(gloss-test-log "ok - Emacs %s with eglot from %s" emacs-version (locate-library "eglot"))

;; The setup of editors/emacs/README.md, with the built binary.
(setq eglot-sync-connect t)
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `((yaml-ts-mode yaml-mode markdown-mode gfm-mode) . (,gloss-test-bin "lsp"))))
(defun gloss-eglot-maybe-start ()
  (when (and buffer-file-name
             (locate-dominating-file buffer-file-name "gloss.toml"))
    (eglot-ensure)))
(dolist (hook '(yaml-ts-mode-hook yaml-mode-hook markdown-mode-hook gfm-mode-hook))
  (add-hook hook #'gloss-eglot-maybe-start))
(add-to-list 'auto-mode-alist '("\\.ya?ml\\'" . yaml-mode))

(defun gloss-test-open (file)
  "Visit FILE and wait until eglot manages it; return the buffer."
  (let ((buffer (find-file-noselect file)))
    (with-current-buffer buffer
      ;; `eglot-ensure' connects from the command loop, which batch mode
      ;; does not run: run its hook as a command would.
      (run-hooks 'post-command-hook)
      (gloss-test-wait (format "eglot to manage %s" file)
                       (lambda () (and (bound-and-true-p eglot--managed-mode) (eglot-current-server)))))
    buffer))

(defun gloss-test-goto (regexp &optional offset)
  (goto-char (point-min))
  (gloss-test-check (re-search-forward regexp nil t) "`%s' not found in %s" regexp (buffer-name))
  (goto-char (+ (match-beginning 0) (or offset 0))))

(defun gloss-test-hover ()
  "The Markdown of the hover at point, as eglot asks for it."
  (let ((result (jsonrpc-request (eglot-current-server) :textDocument/hover
                                 (eglot--TextDocumentPositionParams))))
    (gloss-test-check result "no hover at %d in %s" (point) (buffer-name))
    (let ((contents (plist-get result :contents)))
      (if (stringp contents) contents (plist-get contents :value)))))

(defun gloss-test-diagnostics ()
  (flymake-start)
  (flymake-diagnostics))

(defun gloss-test-diagnostic-matching (regexp)
  (cl-find-if (lambda (d) (string-match-p regexp (flymake-diagnostic-text d)))
              (gloss-test-diagnostics)))

;; 1. A clean term file: managed, no errors, hovers.
(defvar gloss-test-pom (gloss-test-open (expand-file-name "glossary/product-operations-manager.yaml" gloss-test-site)))
(with-current-buffer gloss-test-pom
  (let ((root (project-root (eglot--project (eglot-current-server)))))
    (gloss-test-log "ok - eglot manages a term file (project root %s)" root))
  ;; Give the server time to publish; a wrong glossary shows as errors
  ;; (unknown-related on every `related` slug).
  (let ((deadline (+ (float-time) 2.0)))
    (while (< (float-time) deadline) (accept-process-output nil 0.05)))
  (let ((errors (cl-remove-if-not (lambda (d) (eq (flymake-diagnostic-type d) :error))
                                  (gloss-test-diagnostics))))
    (gloss-test-check (null errors) "errors on a clean term: %S"
                      (mapcar #'flymake-diagnostic-text errors)))
  (gloss-test-goto "^ *- question: How does.*\\(Product Manager\\)\\?")
  (goto-char (+ (match-beginning 1) 3))
  (let ((text (gloss-test-hover)))
    (gloss-test-check (string-match-p (regexp-quote "**Product Manager**") text)
                      "mention hover lacks the term name: %s" text)
    (gloss-test-check (string-match-p "accountable for deciding" text)
                      "mention hover lacks the definition: %s" text))
  (gloss-test-log "ok - hover on a term mention shows its definition")
  (gloss-test-goto "^ *word: *SPRINT" 0)
  (search-forward "SPRINT")
  (backward-char 2)
  (let ((text (gloss-test-hover)))
    (gloss-test-check
     (string-match-p (regexp-quote "Mastered Product Operations Manager? Now try to guess the related 6-letter word!") text)
     "challenge hover lacks the prompt: %s" text))
  (gloss-test-log "ok - hover on the challenge word shows the challenge preview"))

;; 2. A broken copy: the diagnostic arrives, its quick fix repairs the buffer.
(defvar gloss-test-kanban-file (expand-file-name "glossary/kanban.yaml" gloss-test-site))
(defvar gloss-test-kanban-text
  (with-temp-buffer (insert-file-contents gloss-test-kanban-file) (buffer-string)))
(with-temp-file gloss-test-kanban-file
  (insert gloss-test-kanban-text)
  (goto-char (point-min))
  (gloss-test-check (re-search-forward "^  - question: .*\\(\\?\\)$" nil t) "kanban.yaml has no question")
  (replace-match "" t t nil 1))
(with-current-buffer (gloss-test-open gloss-test-kanban-file)
  (let* ((diagnostic (gloss-test-wait "faq-not-a-question on the broken copy"
                                      (lambda () (gloss-test-diagnostic-matching "does not end with"))))
         (beg (flymake-diagnostic-beg diagnostic))
         (end (flymake-diagnostic-end diagnostic)))
    (gloss-test-log "ok - diagnostics on a broken copy: %s" (flymake-diagnostic-text diagnostic))
    (let* ((actions (jsonrpc-request
                     (eglot-current-server) :textDocument/codeAction
                     (list :textDocument (eglot--TextDocumentIdentifier)
                           :range (list :start (eglot--pos-to-lsp-position beg)
                                        :end (eglot--pos-to-lsp-position end))
                           :context (list :diagnostics [] :only ["quickfix"]))))
           (action (cl-find-if (lambda (a) (plist-get a :edit)) actions)))
      (gloss-test-check action "no quick fix offered: %S" actions)
      (eglot--apply-workspace-edit (plist-get action :edit) nil)
      ;; eglot sends the change from an idle timer, which batch mode never
      ;; runs: send it as that timer would.
      (eglot--signal-textDocument/didChange)
      (gloss-test-check (equal (buffer-string) gloss-test-kanban-text)
                        "the buffer after the quick fix differs from the original file")
      (gloss-test-wait "the diagnostic to clear after the fix"
                       (lambda () (not (gloss-test-diagnostic-matching "does not end with"))))
      (gloss-test-log "ok - code action \"%s\" repaired the buffer and cleared the diagnostic"
                      (plist-get action :title)))))

;; 3. A Markdown doc: hover on a term mention.
(defvar gloss-test-notes (expand-file-name "notes.md" gloss-test-site))
(with-temp-file gloss-test-notes
  (insert "# Notes\n\nEvery Product Owner keeps the backlog in order.\n"))
(with-current-buffer (gloss-test-open gloss-test-notes)
  (gloss-test-goto "Product Owner" 2)
  (let ((text (gloss-test-hover)))
    (gloss-test-check (string-match-p (regexp-quote "**Product Owner**") text)
                      "Markdown hover lacks the term: %s" text))
  (gloss-test-log "ok - hover on a term mention in Markdown"))

(let ((server (with-current-buffer gloss-test-pom (eglot-current-server))))
  (eglot-shutdown server)
  (gloss-test-check (not (jsonrpc-running-p server)) "the server did not stop"))
(gloss-test-log "ok - the server shut down")
(kill-emacs 0)

;;; e2e.el ends here
