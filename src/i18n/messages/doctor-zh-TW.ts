import type { DoctorCatalog } from './doctor-en.ts';

/** `duebot doctor` 的檢查結果與修正建議，繁體中文（併入 zh-TW.ts）。 */
export const doctorZhTW: DoctorCatalog = {
  'doctor.heading.settings': '設定：',
  'doctor.heading.checks': '檢查：',
  'doctor.status': '{ok, select, yes {正常} other {失敗}}',
  'doctor.line': '{name}：{detail}',
  'doctor.fixLine': '修正：{fix}',
  'doctor.listSeparator': '、',
  'doctor.value.unset': `{name, select,
    DATABASE_URL {（未設定：內嵌 PGlite）}
    LEDGER_URL {（未設定：示範帳本）}
    LEDGER_MAPPING {（未設定：內建示範對應，或 {preset}）}
    LEDGER_PRESET {（未設定：由 {mapping} 指定對應）}
    LEDGER_PARAMS {（未設定：無；預設組態會自行找到唯一的公司）}
    LEDGER_STALE_AFTER_MINUTES {（未設定：{interval} 的兩倍再加 5）}
    DUEBOT_TODAY {（未設定：實際日期）}
    DUEBOT_LADDER_FILE {（未設定：內建催收階梯）}
    DUEBOT_POLICY_FILE {（未設定：催收手冊中的數值）}
    LOG_FORMAT {（未設定：終端機上為 {pretty}，否則為 {json}）}
    DUEBOT_SHELL_USER {（未設定：您的登入名稱）}
    SMTP_URL {（未設定：信函不以電子郵件寄出）}
    SLACK_BOT_TOKEN {（未設定：不連接 Slack）}
    SLACK_API_URL {（未設定：Slack 官方位址）}
    other {（未設定）}}`,
  'doctor.value.secret': '****（已設定）',
  'doctor.value.none': '（無）',
  'doctor.value.unknown': '（不明）',

  'doctor.check.botDatabase': '機器人資料庫',
  'doctor.check.ledger': '會計資料庫',
  'doctor.check.incremental': '增量同步',
  'doctor.check.paidAt': '付款日期',
  'doctor.check.horizon': '增量同步起點',
  'doctor.skipped': '修正 {setting} 之後才會檢查',

  'doctor.dataDir.ok': '{dir}：可寫入的資料夾',
  'doctor.dataDir.fix': '將 {setting} 設為 duebot 可以建立並寫入的資料夾（或設定 {database}）',
  'doctor.dir.notFolder': '{path} 是檔案，不是資料夾',
  'doctor.dir.cannotCreate': '無法建立 {path}（{code}）',
  'doctor.dir.cannotWrite': '無法在 {path} 中寫入（{code}）',
  'doctor.path.missing': '{path} 不存在',
  'doctor.path.unreadable': '無法讀取 {path}（{code}）',
  'doctor.policy.ok': '{file}：有效的{ladder, select, yes {催收階梯} other {催收政策}}',
  'doctor.policy.unreadable': '無法讀取 {file}（{code}）',
  'doctor.policy.fix':
    '{ladder, select, yes {修正催收階梯檔案（可從 {example} 開始），或取消設定 {setting} 以使用內建階梯} other {修正催收政策檔案（可從 {example} 開始），或取消設定 {setting} 以使用催收手冊中的數值}}',
  'doctor.stamp.notImage': '{file} 不是 PNG 或 JPEG 圖片',
  'doctor.stamp.ok': '{file}：圖片',
  'doctor.stamp.fix': '將 {setting} 設為可讀取的 PNG 或 JPEG 檔案，或取消設定以寄出不用印的信函',
  'doctor.templates.ok': '{dir}：資料夾',
  'doctor.templates.fix': '將 {setting} 設為您的範本所在的資料夾（{layout}），或取消設定',
  'doctor.mapping.ok': '{file}：含 {watermark} 的查詢',
  'doctor.mapping.fix': '將 {setting} 設為可讀取的 SQL 檔案',
  'doctor.mapping.unset': '未設定帳本對應檔案',
  'doctor.mapping.unsetFix': '讓 {setting} 指向一個 SQL 檔案（參見示範對應）',
  'doctor.mapping.missing': '帳本對應檔案 {file} 不存在',
  'doctor.mapping.unreadable': '無法讀取帳本對應檔案 {file}（{code}）',
  'doctor.mapping.empty': '{named, select, yes {{file}} other {帳本對應}}是空的',
  'doctor.mapping.emptyFix':
    '在{named, select, yes { {file} } other {帳本對應}}中寫一條傳回帳本各欄的 SELECT（參見示範對應）',
  'doctor.mapping.noWatermark':
    '{named, select, yes {{file} } other {帳本對應}}中沒有 {watermark} 預留位置，同步就無法只讀取變更過的列',
  'doctor.mapping.noWatermarkFix':
    '在{named, select, yes { {file} } other {帳本對應}}中加入例如「{example}」',

  'doctor.conn.refused': '{where} 上沒有服務在監聽（連線被拒）',
  'doctor.conn.refusedFix': '啟動資料庫伺服器，或修正 {setting} 中的主機和連接埠',
  'doctor.conn.unknownHost': '無法解析 {setting} 中的主機（{where}）',
  'doctor.conn.unknownHostFix': '檢查 {setting} 中的主機名稱',
  'doctor.conn.timeout': '{where} 沒有及時回應',
  'doctor.conn.timeoutFix':
    '{network, select, yes {檢查從這裡能否連到 {where}（防火牆、VPN），以及 {setting} 中的連接埠} other {檢查能否連到 {where}，以及 {setting} 中的連接埠}}',
  'doctor.conn.login': '{where} 拒絕了 {setting} 中的使用者名稱或密碼',
  'doctor.conn.loginFix':
    '{mysql, select, yes {檢查 {setting} 中的使用者名稱和密碼，並確認伺服器允許使用者 {user} 從本機連線（{grant}）} other {檢查 {setting} 中的使用者名稱和密碼（以及伺服器的 {hba}）}}',
  'doctor.conn.denied': '使用者 {user} 無權讀取 {where} 上所需的內容（{reason}）',
  'doctor.conn.deniedFix':
    '{mysql, select, yes {將 {grant} 授予 {setting} 中的使用者，或改用已有該權限的使用者} other {將這些資料表的 {grant}（及其結構描述的 {usage}）授予 {setting} 中的使用者，或改用已有該權限的使用者}}',
  'doctor.conn.noDatabase': '{where} 上不存在資料庫「{database}」',
  'doctor.conn.noDatabaseFix':
    '{ledger, select, yes {修正 {setting} 中的資料庫名稱：即會計資料庫在該伺服器上的名稱} other {建立該資料庫（例如 {create}），或修正 {setting} 中的資料庫名稱}}',
  'doctor.conn.otherFix': '檢查 {setting}',
  'doctor.held':
    '{dir} 中的內建資料庫已被{remote, select, yes {位於 {host} 的} other {}} duebot 行程 {pid} 佔用（`{command}`，啟動於 {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}），且無法連線到該行程',
  'doctor.heldFix': '停止該行程，或將 {setting} 設為一個 PostgreSQL 資料庫',

  'doctor.botDatabase.ok':
    '{embedded, select, yes {{dir} 中的內嵌 PGlite} other {{url}}}：可以連線，{pending, plural, =0 {資料庫結構是最新的} other {有 # 個移轉待執行（啟動時會執行，或執行 {command}）}}',
  'doctor.ledger.demo': '未設定：duebot 讀取其示範帳本（設定 {setting} 以連接您的帳本）',
  'doctor.ledger.ok':
    '{url}：可以連線，{preset, select, none {對應} other {預設組態 {preset}}}傳回了所有欄位{hasParams, select, yes {，參數為 {params}} other {}}{read, select, yes {，完整同步將讀取 {rows, plural, other {# 列}}} other {}}',
  'doctor.ledger.fileFix': '修正{named, select, yes { {file}} other {對應檔案}}',
  'doctor.ledger.writesFix':
    '讓{named, select, yes { {file} } other {對應檔案}}只做讀取：不呼叫會寫入的函式，不使用 {forUpdate}',
  'doctor.ledger.columnsFix':
    '在{named, select, yes { {file} } other {對應檔案}}的 {select} 中傳回 {columns}（{alias}）',
  'doctor.ledger.queryFix':
    '修正{named, select, yes { {file} } other {對應檔案}}中的查詢（在您的 SQL 用戶端中執行它，把 {watermark} 換成 {epoch}）',
  'doctor.ledger.noTable':
    '{preset, select, none {帳本對應} other {{presetSetting}}}：會計資料庫中沒有資料表 {tables}（{setting} 指向的是{preset, select, none {對應所讀的} other { {system} 的}}資料庫嗎？）',
  'doctor.ledger.noTableFix':
    '{preset, select, none {讓 {setting} 指向對應所讀取的資料庫，或修正對應中的 {tablesLine} 行} other {讓 {setting} 指向 {system} 的資料庫，或將 {tables} 的 {grant} 權限授予其使用者（README，「{section}」）}}',
  'doctor.params.unknown':
    '{setting}：{names} 不是{preset, select, none {帳本對應} other { {presetSetting} }}的參數{count, plural, one {} other {（共 # 個）}}（它接受的參數：{hasUsed, select, yes {{used}} other {除 {watermark} 外沒有}}）',
  'doctor.params.unknownFix':
    '{hasUsed, select, yes {在 {setting} 中只設定 {used}} other {取消設定 {setting}}}',
  'doctor.params.needs':
    '{setting}：{preset, select, none {帳本對應} other {{presetSetting}}} 需要 {name}，但它沒有設定',
  'doctor.params.setValue': "設定 {setting}={name}='<值>'{or, select, yes {，或檢查 {url}} other {}}",
  'doctor.params.oneOf': "設定 {setting}={name}='<'以下之一：{choices}'>'",
  'doctor.params.notInDatabase': '{setting}：資料庫中沒有 {given}，資料庫中有 {count, number} 個（{listed}）',
  'doctor.params.unsetChoose':
    '{setting}：{preset, select, none {帳本對應} other {{presetSetting}}} 需要 {name}，但它沒有設定，而且{count, plural, =0 {資料庫中沒有可選的值} other {資料庫中有 # 個（{listed}）}}',
  'doctor.ledger.writes': '帳本對應試圖寫入，而 duebot 只在唯讀交易中讀取帳本：{message}（SQLSTATE {state}）',
  'doctor.ledger.queryFails': '帳本對應查詢失敗：{message}（SQLSTATE {state}）',
  'doctor.ledger.missingColumns':
    '帳本對應沒有傳回 {missing}（{hasFound, select, yes {它傳回的是 {found}} other {它沒有傳回任何欄位}}）',
  'doctor.horizon.warning':
    '警告：每次增量同步都會重新讀取最近 {seconds, plural, other {# 秒}}（{setting}）的資料，而不是從仍在執行的帳本交易都不可能寫入之處開始，因為{reasons}',
  'doctor.horizon.sessionsHidden': '{user} 看不到其他使用者的工作階段（它不是 {role} 的成員）',
  'doctor.horizon.notTracked': '帳本伺服器上的 {setting} 已關閉',
  'doctor.horizon.standby': '該資料庫是備援資料庫，由其他伺服器的交易寫入',
  'doctor.horizon.subscriber': '該資料庫訂閱了邏輯複寫，由其他伺服器的交易寫入',
  'doctor.horizon.fixGrant': '資料庫管理員可以執行 {grant}（README，「{section}」）',
  'doctor.horizon.fixTrack': '管理員可以在伺服器設定中設定 {setting} = on',
  'doctor.horizon.fixPrimary': '將 {setting} 指向 ERP 寫入的伺服器',
  'doctor.paidAt.warning':
    '警告：對應沒有傳回 {column}，因此等級、信用凍結、黑名單以及 DSO/CEI 都以每列最後一次變更的時間（{updated}）作為付款日期：這只是近似值，帳本大量更新後還會出錯',
  'doctor.paidAt.fix': '讓對應傳回 {column}（未結金額最後一次減少的時間），或使用 {preset}',
  'doctor.scan.warning':
    '警告：無論變更的列多麼少，每次增量同步都會完整讀取 {tables}：沒有索引能用於對應與水位線的比較',
  'doctor.scan.table': '{table}（{rows, plural, other {# 列}}）',
  'doctor.scan.fixIndexes':
    '資料庫管理員（duebot 的唯讀使用者不能）可以以資料表擁有者的身分新增：{indexes}（README，「{section}」）',
  'doctor.scan.fixMapping':
    '為對應與 {watermark} 比較的欄位建立索引，或在 {union} 的各個分支中比較各資料表自己的欄位（README，「{section}」）',
};
