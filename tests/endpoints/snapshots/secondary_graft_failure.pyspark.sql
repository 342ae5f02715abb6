WITH `t7` AS (
  SELECT
    `t6`.`patient_id`,
    `t6`.`day`
  FROM (
    SELECT
      *
    FROM `transfusions` AS `t2`
    WHERE
      `t2`.`product` = 'platelets'
  ) AS `t6`
), `t17` AS (
  SELECT
    `t15`.`patient_id`,
    MIN(`t15`.`day`) AS `first_transfusion_day`
  FROM (
    SELECT
      *
    FROM `t7` AS `t9`
    WHERE
      `t9`.`day` >= 0
  ) AS `t15`
  GROUP BY
    1
), `t22` AS (
  SELECT
    *
  FROM (
    SELECT
      `t13`.`patient_id`,
      `t13`.`day`,
      COALESCE(
        `t13`.`anc`,
        (
          `t13`.`wbc` * (
            `t13`.`seg` + COALESCE(`t13`.`bands`, 0.0)
          )
        ) / 100.0
      ) AS `value`
    FROM (
      SELECT
        `t4`.`patient_id`,
        `t4`.`day`,
        MIN(IF(`t4`.`analyte` = 'anc', IF(`t4`.`qualifier` = '<', 0.0, `t4`.`value`), NULL)) AS `anc`,
        MIN(IF(`t4`.`analyte` = 'wbc', IF(`t4`.`qualifier` = '<', 0.0, `t4`.`value`), NULL)) AS `wbc`,
        MIN(
          IF(`t4`.`analyte` = 'neut_pct', IF(`t4`.`qualifier` = '<', 0.0, `t4`.`value`), NULL)
        ) AS `seg`,
        MAX(
          IF(`t4`.`analyte` = 'bands_pct', IF(`t4`.`qualifier` = '<', 0.0, `t4`.`value`), NULL)
        ) AS `bands`
      FROM (
        SELECT
          *
        FROM `labs` AS `t1`
        WHERE
          `t1`.`analyte` IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND `t1`.`day` >= 0
      ) AS `t4`
      GROUP BY
        1,
        2
    ) AS `t13`
  ) AS `t20`
  WHERE
    `t20`.`value` IS NOT NULL AND NOT ISNAN(`t20`.`value`)
), `t24` AS (
  SELECT
    `t16`.`patient_id`,
    `t16`.`day`,
    `t16`.`value`,
    `t16`.`platelet_engraftment_meets`,
    `t16`.`platelet50_engraftment_meets`,
    `t16`.`platelet_engraftment_meets`
    AND COALESCE(
      LEAD(`t16`.`platelet_engraftment_meets`, 1) OVER (PARTITION BY `t16`.`patient_id` ORDER BY `t16`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t16`.`platelet_engraftment_meets`, 2) OVER (PARTITION BY `t16`.`patient_id` ORDER BY `t16`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t16`.`day`, 1) OVER (PARTITION BY `t16`.`patient_id` ORDER BY `t16`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t16`.`day`, 2) OVER (PARTITION BY `t16`.`patient_id` ORDER BY `t16`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `platelet_engraftment_run_start`,
    SUM(IF(`t16`.`platelet_engraftment_meets`, 0, 1)) OVER (
      PARTITION BY `t16`.`patient_id`
      ORDER BY `t16`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `platelet_engraftment_failed_before`,
    `t16`.`platelet50_engraftment_meets`
    AND COALESCE(
      LEAD(`t16`.`platelet50_engraftment_meets`, 1) OVER (PARTITION BY `t16`.`patient_id` ORDER BY `t16`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t16`.`platelet50_engraftment_meets`, 2) OVER (PARTITION BY `t16`.`patient_id` ORDER BY `t16`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t16`.`day`, 1) OVER (PARTITION BY `t16`.`patient_id` ORDER BY `t16`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t16`.`day`, 2) OVER (PARTITION BY `t16`.`patient_id` ORDER BY `t16`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `platelet50_engraftment_run_start`,
    SUM(IF(`t16`.`platelet50_engraftment_meets`, 0, 1)) OVER (
      PARTITION BY `t16`.`patient_id`
      ORDER BY `t16`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `platelet50_engraftment_failed_before`
  FROM (
    SELECT
      `t14`.`patient_id`,
      `t14`.`day`,
      `t14`.`value`,
      `t14`.`value` >= 20.0 AS `platelet_engraftment_meets`,
      `t14`.`value` >= 50.0 AS `platelet50_engraftment_meets`
    FROM (
      SELECT
        `t5`.`patient_id`,
        `t5`.`day`,
        MIN(IF(`t5`.`qualifier` = '<', 0.0, `t5`.`value`)) AS `value`
      FROM (
        SELECT
          *
        FROM `labs` AS `t1`
        WHERE
          `t1`.`analyte` = 'plt' AND `t1`.`day` >= 0
      ) AS `t5`
      GROUP BY
        1,
        2
    ) AS `t14`
  ) AS `t16`
), `t29` AS (
  SELECT
    `t26`.`patient_id`,
    BOOL_OR(NOT (
      `t26`.`platelet_engraftment_meets`
    )) AS `platelet_engraftment_fell`,
    BOOL_OR(NOT (
      `t26`.`platelet50_engraftment_meets`
    )) AS `platelet50_engraftment_fell`
  FROM `t24` AS `t26`
  GROUP BY
    1
), `t61` AS (
  SELECT
    `t60`.`patient_id`,
    IF(
      (
        IF(NOT (
          `t60`.`n_fell`
        ), 0, `t60`.`n_day`) IS NOT NULL
      )
      AND (
        IF(NOT (
          `t60`.`p_fell`
        ), 0, `t60`.`p_day`) IS NOT NULL
      ),
      GREATEST(
        IF(NOT (
          `t60`.`n_fell`
        ), 0, `t60`.`n_day`),
        IF(NOT (
          `t60`.`p_fell`
        ), 0, `t60`.`p_day`)
      ),
      CAST(NULL AS BIGINT)
    ) AS `recovered_day`,
    IF(NOT (
      `t60`.`n_fell`
    ), 0, `t60`.`n_day`) IS NOT NULL AS `neutrophils_recovered`,
    `t60`.`p_fell` IS NOT NULL AS `platelets_known`
  FROM (
    SELECT
      `t59`.`patient_id`,
      `t59`.`n_day`,
      `t59`.`n_fell`,
      `t59`.`p_day`,
      `t59`.`p_fell`
    FROM (
      SELECT
        `t47`.`patient_id`,
        `t47`.`n_day`,
        `t47`.`n_fell`,
        `t58`.`patient_id` AS `patient_id_right`,
        `t58`.`p_day`,
        `t58`.`p_fell`
      FROM (
        SELECT
          `t41`.`patient_id`,
          `t41`.`day` AS `n_day`,
          `t41`.`applicable` AS `n_fell`
        FROM (
          SELECT
            `t38`.`patient_id`,
            CAST(MIN(IF(`t38`.`run_start` AND `t38`.`failed_before`, `t38`.`day`, NULL)) AS BIGINT) AS `day`,
            BOOL_OR(NOT (
              `t38`.`meets`
            )) AS `applicable`
          FROM (
            SELECT
              `t27`.`patient_id`,
              `t27`.`day`,
              `t27`.`value`,
              `t27`.`meets`,
              `t27`.`meets`
              AND COALESCE(
                LEAD(`t27`.`meets`, 1) OVER (PARTITION BY `t27`.`patient_id` ORDER BY `t27`.`day` ASC NULLS LAST),
                FALSE
              )
              AND COALESCE(
                LEAD(`t27`.`meets`, 2) OVER (PARTITION BY `t27`.`patient_id` ORDER BY `t27`.`day` ASC NULLS LAST),
                FALSE
              )
              AND (
                TRUE
                AND (
                  LEAD(`t27`.`day`, 1) OVER (PARTITION BY `t27`.`patient_id` ORDER BY `t27`.`day` ASC NULLS LAST) IS NOT NULL
                )
                AND (
                  LEAD(`t27`.`day`, 2) OVER (PARTITION BY `t27`.`patient_id` ORDER BY `t27`.`day` ASC NULLS LAST) IS NOT NULL
                )
              ) AS `run_start`,
              SUM(IF(`t27`.`meets`, 0, 1)) OVER (
                PARTITION BY `t27`.`patient_id`
                ORDER BY `t27`.`day` ASC NULLS LAST
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
              ) > 0 AS `failed_before`
            FROM (
              SELECT
                `t23`.`patient_id`,
                `t23`.`day`,
                `t23`.`value`,
                `t23`.`value` >= 0.5 AS `meets`
              FROM `t22` AS `t23`
            ) AS `t27`
          ) AS `t38`
          GROUP BY
            1
        ) AS `t41`
      ) AS `t47`
      LEFT OUTER JOIN (
        SELECT
          `t56`.`patient_id`,
          `t56`.`day` AS `p_day`,
          `t56`.`applicable` AS `p_fell`
        FROM (
          SELECT
            `t55`.`patient_id`,
            `t55`.`day`,
            COALESCE(`t55`.`platelet_engraftment_fell`, FALSE)
            OR (
              `t55`.`first_transfusion_day` IS NOT NULL
            ) AS `applicable`
          FROM (
            SELECT
              `t54`.`patient_id`,
              `t54`.`platelet_engraftment_fell`,
              `t54`.`platelet50_engraftment_fell`,
              `t54`.`first_transfusion_day`,
              `t54`.`day`
            FROM (
              SELECT
                `t51`.`patient_id`,
                `t51`.`platelet_engraftment_fell`,
                `t51`.`platelet50_engraftment_fell`,
                `t51`.`first_transfusion_day`,
                `t53`.`patient_id` AS `patient_id_right`,
                `t53`.`day`
              FROM (
                SELECT
                  `t48`.`patient_id`,
                  `t48`.`platelet_engraftment_fell`,
                  `t48`.`platelet50_engraftment_fell`,
                  `t48`.`first_transfusion_day`
                FROM (
                  SELECT
                    `t44`.`patient_id`,
                    `t44`.`platelet_engraftment_fell`,
                    `t44`.`platelet50_engraftment_fell`,
                    `t19`.`patient_id` AS `patient_id_right`,
                    `t19`.`first_transfusion_day`
                  FROM (
                    SELECT
                      `t40`.`patient_id`,
                      `t40`.`platelet_engraftment_fell`,
                      `t40`.`platelet50_engraftment_fell`
                    FROM (
                      SELECT
                        `t36`.`patient_id`,
                        `t33`.`patient_id` AS `patient_id_right`,
                        `t33`.`platelet_engraftment_fell`,
                        `t33`.`platelet50_engraftment_fell`
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            `t31`.`patient_id`
                          FROM `t29` AS `t31`
                        ) AS `t34`
                        UNION
                        SELECT
                          *
                        FROM (
                          SELECT
                            `t18`.`patient_id`
                          FROM `t17` AS `t18`
                        ) AS `t21`
                      ) AS `t36`
                      LEFT OUTER JOIN `t29` AS `t33`
                        ON `t36`.`patient_id` = `t33`.`patient_id`
                    ) AS `t40`
                  ) AS `t44`
                  LEFT OUTER JOIN `t17` AS `t19`
                    ON `t44`.`patient_id` = `t19`.`patient_id`
                ) AS `t48`
              ) AS `t51`
              LEFT OUTER JOIN (
                SELECT
                  `t50`.`patient_id`,
                  CAST(MIN(`t50`.`day`) AS BIGINT) AS `day`
                FROM (
                  SELECT
                    `t45`.`patient_id`,
                    `t45`.`day`,
                    `t45`.`failed_before`,
                    `t45`.`first_transfusion_day`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t37`.`patient_id`,
                        `t37`.`day`,
                        `t37`.`failed_before`,
                        `t37`.`first_transfusion_day`
                      FROM (
                        SELECT
                          `t32`.`patient_id`,
                          `t32`.`day`,
                          `t32`.`failed_before`,
                          `t19`.`patient_id` AS `patient_id_right`,
                          `t19`.`first_transfusion_day`
                        FROM (
                          SELECT
                            `t28`.`patient_id`,
                            `t28`.`day`,
                            `t28`.`platelet_engraftment_failed_before` AS `failed_before`
                          FROM (
                            SELECT
                              *
                            FROM `t24` AS `t26`
                            WHERE
                              `t26`.`platelet_engraftment_run_start`
                          ) AS `t28`
                        ) AS `t32`
                        LEFT OUTER JOIN `t17` AS `t19`
                          ON `t32`.`patient_id` = `t19`.`patient_id`
                      ) AS `t37`
                    ) AS `t39`
                    WHERE
                      `t39`.`failed_before`
                      OR COALESCE(`t39`.`first_transfusion_day` < `t39`.`day`, FALSE)
                  ) AS `t45`
                  LEFT ANTI JOIN `t7` AS `t12`
                    ON `t45`.`patient_id` = `t12`.`patient_id`
                    AND `t12`.`day` <= `t45`.`day`
                    AND `t12`.`day` > (
                      `t45`.`day` - 7
                    )
                ) AS `t50`
                GROUP BY
                  1
              ) AS `t53`
                ON `t51`.`patient_id` = `t53`.`patient_id`
            ) AS `t54`
          ) AS `t55`
        ) AS `t56`
      ) AS `t58`
        ON `t47`.`patient_id` = `t58`.`patient_id`
    ) AS `t59`
  ) AS `t60`
), `t84` AS (
  SELECT
    `t83`.`patient_id`,
    `t83`.`day`,
    `t83`.`kind`,
    BOOL_OR(`t83`.`relapse_day` IS NOT NULL) AS `explained`
  FROM (
    SELECT
      `t82`.`patient_id`,
      `t82`.`day`,
      `t82`.`kind`,
      `t10`.`patient_id` AS `patient_id_right`,
      `t10`.`relapse_day`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t78`.`patient_id`,
          CAST(`t78`.`day` AS BIGINT) AS `day`,
          'anc' AS `kind`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t73`.`patient_id`,
              `t73`.`day`,
              `t73`.`value`,
              `t73`.`meets`,
              `t73`.`meets`
              AND COALESCE(
                LEAD(`t73`.`meets`, 1) OVER (PARTITION BY `t73`.`patient_id` ORDER BY `t73`.`day` ASC NULLS LAST),
                FALSE
              )
              AND COALESCE(
                LEAD(`t73`.`meets`, 2) OVER (PARTITION BY `t73`.`patient_id` ORDER BY `t73`.`day` ASC NULLS LAST),
                FALSE
              )
              AND (
                TRUE
                AND (
                  LEAD(`t73`.`day`, 1) OVER (PARTITION BY `t73`.`patient_id` ORDER BY `t73`.`day` ASC NULLS LAST) IS NOT NULL
                )
                AND (
                  LEAD(`t73`.`day`, 2) OVER (PARTITION BY `t73`.`patient_id` ORDER BY `t73`.`day` ASC NULLS LAST) IS NOT NULL
                )
              ) AS `run_start`,
              SUM(IF(`t73`.`meets`, 0, 1)) OVER (
                PARTITION BY `t73`.`patient_id`
                ORDER BY `t73`.`day` ASC NULLS LAST
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
              ) > 0 AS `failed_before`
            FROM (
              SELECT
                `t71`.`patient_id`,
                `t71`.`day`,
                `t71`.`value`,
                `t71`.`value` < 0.5 AS `meets`
              FROM (
                SELECT
                  `t69`.`patient_id`,
                  `t69`.`day`,
                  `t69`.`value`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t25`.`patient_id`,
                      `t25`.`day`,
                      `t25`.`value`,
                      `t66`.`recovered_day`
                    FROM `t22` AS `t25`
                    INNER JOIN (
                      SELECT
                        `t64`.`patient_id`,
                        `t64`.`recovered_day`
                      FROM (
                        SELECT
                          *
                        FROM `t61` AS `t62`
                        WHERE
                          `t62`.`recovered_day` IS NOT NULL
                      ) AS `t64`
                    ) AS `t66`
                      ON `t25`.`patient_id` = `t66`.`patient_id`
                  ) AS `t67`
                  WHERE
                    `t67`.`day` > `t67`.`recovered_day`
                ) AS `t69`
              ) AS `t71`
            ) AS `t73`
          ) AS `t76`
          WHERE
            `t76`.`run_start`
        ) AS `t78`
      ) AS `t80`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          `t77`.`patient_id`,
          `t77`.`day`,
          'platelet_transfusions' AS `kind`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t74`.`patient_id`,
              `t74`.`day`,
              LEAD(`t74`.`day`, 1) OVER (PARTITION BY `t74`.`patient_id` ORDER BY `t74`.`day` ASC NULLS LAST) AS `kth`
            FROM (
              SELECT DISTINCT
                *
              FROM (
                SELECT
                  `t70`.`patient_id`,
                  CAST(`t70`.`day` AS BIGINT) AS `day`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t11`.`patient_id`,
                      `t11`.`day`,
                      `t66`.`recovered_day`
                    FROM `t7` AS `t11`
                    INNER JOIN (
                      SELECT
                        `t64`.`patient_id`,
                        `t64`.`recovered_day`
                      FROM (
                        SELECT
                          *
                        FROM `t61` AS `t62`
                        WHERE
                          `t62`.`recovered_day` IS NOT NULL
                      ) AS `t64`
                    ) AS `t66`
                      ON `t11`.`patient_id` = `t66`.`patient_id`
                  ) AS `t68`
                  WHERE
                    `t68`.`day` > `t68`.`recovered_day`
                ) AS `t70`
              ) AS `t72`
            ) AS `t74`
          ) AS `t75`
          WHERE
            (
              `t75`.`kth` - `t75`.`day`
            ) <= 6
        ) AS `t77`
      ) AS `t79`
    ) AS `t82`
    LEFT OUTER JOIN (
      SELECT
        `t3`.`patient_id`,
        CAST(`t3`.`day` AS BIGINT) AS `relapse_day`
      FROM (
        SELECT
          *
        FROM `disease_assessments` AS `t0`
        WHERE
          `t0`.`status` IN ('relapse', 'progression') AND `t0`.`day` > 0
      ) AS `t3`
    ) AS `t10`
      ON `t82`.`patient_id` = `t10`.`patient_id`
      AND `t10`.`relapse_day` BETWEEN `t82`.`day` - 14 AND `t82`.`day` + 14
  ) AS `t83`
  GROUP BY
    1,
    2,
    3
)
SELECT
  `t98`.`patient_id`,
  `t98`.`recovered_day`,
  `t98`.`neutrophils_recovered`,
  `t98`.`platelets_known`,
  `t98`.`decline_day`,
  `t98`.`decline_kind`,
  COALESCE(`t98`.`explained`, FALSE) AS `explained`
FROM (
  SELECT
    `t97`.`patient_id`,
    `t97`.`recovered_day`,
    `t97`.`neutrophils_recovered`,
    `t97`.`platelets_known`,
    `t97`.`decline_day`,
    `t97`.`decline_kind`,
    `t97`.`explained`
  FROM (
    SELECT
      `t96`.`patient_id`,
      `t96`.`recovered_day`,
      `t96`.`neutrophils_recovered`,
      `t96`.`platelets_known`,
      `t96`.`decline_day`,
      `t96`.`decline_kind`,
      `t88`.`patient_id` AS `patient_id_right`,
      `t88`.`explained`
    FROM (
      SELECT
        `t94`.`patient_id`,
        `t94`.`recovered_day`,
        `t94`.`neutrophils_recovered`,
        `t94`.`platelets_known`,
        `t94`.`decline_day`,
        `t94`.`decline_kind`
      FROM (
        SELECT
          `t63`.`patient_id`,
          `t63`.`recovered_day`,
          `t63`.`neutrophils_recovered`,
          `t63`.`platelets_known`,
          `t93`.`patient_id` AS `patient_id_right`,
          `t93`.`decline_day`,
          `t93`.`decline_kind`
        FROM `t61` AS `t63`
        LEFT OUTER JOIN (
          SELECT
            `t91`.`patient_id`,
            `t91`.`day` AS `decline_day`,
            `t91`.`kind` AS `decline_kind`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t89`.`patient_id`,
                `t89`.`day`,
                `t89`.`kind`,
                ROW_NUMBER() OVER (
                  PARTITION BY `t89`.`patient_id`
                  ORDER BY `t89`.`day` ASC NULLS LAST, `t89`.`kind` ASC NULLS LAST
                ) - 1 AS `rank`
              FROM (
                SELECT
                  `t87`.`patient_id`,
                  `t87`.`day`,
                  `t87`.`kind`
                FROM (
                  SELECT
                    *
                  FROM `t84` AS `t85`
                  WHERE
                    NOT (
                      `t85`.`explained`
                    )
                ) AS `t87`
              ) AS `t89`
            ) AS `t90`
            WHERE
              `t90`.`rank` = 0
          ) AS `t91`
        ) AS `t93`
          ON `t63`.`patient_id` = `t93`.`patient_id`
      ) AS `t94`
    ) AS `t96`
    LEFT OUTER JOIN (
      SELECT
        `t85`.`patient_id`,
        BOOL_OR(`t85`.`explained`) AS `explained`
      FROM `t84` AS `t85`
      GROUP BY
        1
    ) AS `t88`
      ON `t96`.`patient_id` = `t88`.`patient_id`
  ) AS `t97`
) AS `t98`
